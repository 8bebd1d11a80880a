using System.CommandLine;
using System.Text.Json;
using LostEngine.Catalog;
using LostEngine.Cli.Catalog;
using LostEngine.Cli.Progress;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost model list</c>: every model of the catalogue with what the cache holds of it (ready, a checkpoint not yet
/// imported, an interrupted download), its sizes and paths; <c>--json</c> gives one object per model for scripts.
/// </summary>
internal static class ModelListCommand
{
    internal static Command Create(ModelSources sources)
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per model instead of a table." };
        var command = new Command("list", "List the catalogue's models and what the cache holds of each.") { json };
        command.SetAction(parse => CommandErrors.Run(parse, _ =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var settings = sources.Settings();
            var cache = new ModelCache(settings.CacheRoot);
            var models = ModelCatalog.Entries.Select(cache.Look).ToArray();
            if (parse.GetValue(json))
            {
                foreach (var model in models)
                {
                    stdout.WriteLine(Json(model, settings));
                }
                return ExitCodes.Success;
            }
            stdout.WriteLine($"cache {cache.Root} ({CatalogSettings.CacheVariable}), checkpoints from {settings.BaseUrl.AbsoluteUri.TrimEnd('/')} ({CatalogSettings.BaseUrlVariable})");
            int nameWidth = models.Max(m => m.Entry.Name.Length);
            int architectureWidth = models.Max(m => m.Entry.Architecture.ToString().Length);
            foreach (var model in models)
            {
                stdout.WriteLine($"{model.Entry.Name.PadRight(nameWidth)}  {model.Entry.Architecture.ToString().PadRight(architectureWidth)}  {State(model)}");
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string State(CachedModel model) => model switch
    {
        { Manifest: { } manifest } => $"ready, model {Megabytes.Of(manifest.ModelBytes)}, checkpoint {Megabytes.Of(manifest.CheckpointBytes)}: {model.ModelPath}",
        { CheckpointBytes: { } bytes } => $"checkpoint {Megabytes.Of(bytes)}, not imported ('lost model pull {model.Entry.Name}' imports it)",
        { PartialBytes: { } bytes } => $"{Megabytes.Of(bytes)} downloaded ('lost model pull {model.Entry.Name}' resumes)",
        _ => "not pulled",
    };

    private static string Json(CachedModel model, CatalogSettings settings) => JsonSerializer.Serialize(new
    {
        name = model.Entry.Name,
        architecture = model.Entry.Architecture.ToString(),
        url = model.Entry.Url(settings.BaseUrl).AbsoluteUri,
        state = model switch
        {
            { IsReady: true } => "ready",
            { CheckpointBytes: not null } => "checkpoint",
            { PartialBytes: not null } => "partial",
            _ => "absent",
        },
        model = model.IsReady ? model.ModelPath : null,
        model_bytes = model.Manifest?.ModelBytes,
        checkpoint_bytes = model.Manifest?.CheckpointBytes ?? model.CheckpointBytes,
        partial_bytes = model.PartialBytes,
        folder = model.Folder,
    });
}
