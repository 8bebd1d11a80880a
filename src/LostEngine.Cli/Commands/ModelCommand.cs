using System.CommandLine;
using LostEngine.Cli.Catalog;

namespace LostEngine.Cli.Commands;

/// <summary><c>lost model ...</c>: the catalogue of official DINO and DINOv2 models and the cache they are pulled into.</summary>
internal static class ModelCommand
{
    internal static Command Create(ModelSources sources)
    {
        var model = new Command("model", "The official DINO and DINOv2 models: download, import and cache them by name, for --model NAME.");
        model.Subcommands.Add(ModelPullCommand.Create(sources));
        model.Subcommands.Add(ModelListCommand.Create(sources));
        model.Subcommands.Add(ModelImportCommand.Create());
        return model;
    }
}
