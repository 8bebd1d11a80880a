using System.CommandLine;
using System.Text.Json;
using LostEngine.Catalog;
using LostEngine.Cli.Catalog;
using LostEngine.Cli.Progress;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost model pull NAME</c>: downloads the model's checkpoint (resuming an interrupted download), imports it into
/// ONNX and keeps both in the cache; prints one JSON line saying where.
/// </summary>
internal static class ModelPullCommand
{
    internal static Command Create(ModelSources sources)
    {
        var name = new Argument<string>("name") { Description = "A model of the catalogue ('lost model list' shows them), such as dinov2-vits14-reg." };
        var quiet = new Option<bool>("--quiet") { Description = "Show no progress on stderr." };
        var command = new Command("pull", "Download, import and cache a model of the catalogue. "
            + $"The cache is {CatalogSettings.CacheVariable}, else $XDG_CACHE_HOME/lostengine, else ~/.cache/lostengine; "
            + $"{CatalogSettings.BaseUrlVariable} replaces {ModelCatalog.DefaultBaseUrl.AbsoluteUri.TrimEnd('/')} with a mirror. " + ExitCodes.Help)
        {
            name, quiet,
        };
        command.SetAction(parse => CommandErrors.Run(parse, _ =>
        {
            string typed = parse.GetValue(name)!;
            var entry = ModelCatalog.Find(typed) ?? throw new LostInputException(typed,
                $"is not a model of the catalogue; it has {string.Join(", ", ModelCatalog.Entries.Select(e => e.Name))}.");
            var mode = parse.GetValue(quiet) ? ProgressMode.Quiet : ProgressMode.Auto;
            var cached = CatalogPull.Run(sources, entry, typed, mode, parse.InvocationConfiguration.Error);
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new
            {
                name = entry.Name,
                architecture = entry.Architecture.ToString(),
                model = cached.ModelPath,
                model_bytes = cached.Manifest!.ModelBytes,
                checkpoint = Path.Combine(cached.Folder, cached.Manifest.Checkpoint),
                checkpoint_bytes = cached.Manifest.CheckpointBytes,
                url = cached.Manifest.Url,
            }));
            return ExitCodes.Success;
        }));
        return command;
    }
}
