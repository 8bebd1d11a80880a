using System.CommandLine;
using LostEngine.Cli.Runs;
using LostEngine.Runs;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost localize IMAGES_OR_FOLDERS... --model M</c>: one JSON line per image, and optionally the reference's
/// prediction file (image file name → [x1, y1, x2, y2], images without an object left out). Long runs can be
/// resumed, split into shards, logged and drawn.
/// </summary>
internal static class LocalizeCommand
{
    internal static Command Create()
    {
        var images = new Argument<string[]>("images") { Description = "Image files or folders (walked for jpg, jpeg, png, webp, bmp, gif).", Arity = ArgumentArity.OneOrMore };
        var localizer = new LocalizerOptionSet(modelRequired: true);
        var output = new Option<string?>("--output") { Description = "Write predictions as JSON: image file name → [x1, y1, x2, y2]." };
        var run = new RunOptions();
        var command = new Command("localize", "Find the main object of each image; one JSON line per image. " + ExitCodes.Help) { images };
        localizer.AddTo(command);
        command.Options.Add(output);
        run.AddTo(command);
        command.SetAction(parse => CommandErrors.Run(parse, _ =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var options = localizer.Read(parse);
            var files = ImageFileWalker.Expand(parse.GetValue(images)!).ToList();
            if (files.Count == 0 || files.All(f => f.Missing))
            {
                throw new LostInputException("images", "no image found in the given paths.");
            }
            // A missing file is one image that failed, listed and journaled like any other, not a reason to stop.
            var runImages = files.Select(f => new RunImage(f.Path, Path.GetFileName(f.Path))).ToList();
            return ModelRun.Execute(parse, run, options, runImages, parse.GetValue(output), stdout).ExitCode;
        }));
        return command;
    }
}
