using System.CommandLine;
using LostEngine.Cli.Catalog;
using LostEngine.Cli.Inputs;
using LostEngine.Cli.Runs;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost localize IMAGES_OR_FOLDERS... --model M</c>: one JSON line per image, and optionally the reference's
/// prediction file (image key → [x1, y1, x2, y2], images without an object left out; keys as <see cref="PredictionKeys"/> gives them). Long runs can be
/// resumed, split into shards, logged and drawn.
/// </summary>
internal static class LocalizeCommand
{
    internal static Command Create(ModelSources sources)
    {
        var images = new Argument<string[]>("images") { Description = "Image files or folders (walked for jpg, jpeg, png, webp, bmp, gif).", Arity = ArgumentArity.OneOrMore };
        var localizer = new LocalizerOptionSet(modelRequired: true, sources);
        var output = new Option<string?>("--output") { Description = "Write predictions as JSON: image key → [x1, y1, x2, y2]; the key is the file name, or the path below a folder with subfolders." };
        var run = new RunOptions();
        var command = new Command("localize", "Find the main object of each image; one JSON line per image. " + ExitCodes.Help) { images };
        localizer.AddTo(command);
        command.Options.Add(output);
        run.AddTo(command);
        command.SetAction(parse => CommandErrors.Run(parse, _ =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var inputs = ImageArguments.Expand(parse.GetValue(images)!);
            if (inputs.Images.Count == inputs.Missing.Count)
            {
                throw new LostInputException("images", "no image found in the given paths.");
            }
            var options = localizer.Read(parse, run.ProgressOf(parse));
            // A missing file is one image that failed, listed and journaled like any other, not a reason to stop.
            return ModelRun.Execute(parse, run, options, inputs.Images, parse.GetValue(output), stdout).ExitCode;
        }));
        return command;
    }
}
