using System.CommandLine;
using LostEngine.Cli.Runs;
using LostEngine.Model;
using LostEngine.Pipeline;
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
        var model = ModelCommandOptions.Model();
        var ep = ModelCommandOptions.ExecutionProvider();
        var features = ModelCommandOptions.Features();
        var threads = ModelCommandOptions.Threads();
        var k = new Option<int>("--k") { Description = "LOST's number of potentials (k_patches).", DefaultValueFactory = _ => 100 };
        var method = new Option<string>("--method") { Description = "lost, or the dinoseg baseline.", DefaultValueFactory = _ => "lost" };
        var head = new Option<int>("--dinoseg-head") { Description = "Attention head DINO-seg reads (the reference's 4).", DefaultValueFactory = _ => DinoSeg.DefaultHead };
        var compat = new Option<bool>("--dinoseg-reference-compat") { Description = "Reproduce the reference DINO-seg loop that never considers its last component." };
        var output = new Option<string?>("--output") { Description = "Write predictions as JSON: image file name → [x1, y1, x2, y2]." };
        var run = new RunOptions();
        var command = new Command("localize", "Find the main object of each image; one JSON line per image.")
        {
            images, model, ep, features, threads, k, method, head, compat, output,
        };
        run.AddTo(command);
        command.SetAction(parseResult => CommandErrors.Run(parseResult, _ =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var options = new LocalizerOptions
            {
                ModelPath = parseResult.GetValue(model)!,
                ExecutionProvider = ExecutionProviderNames.Parse(parseResult.GetValue(ep), "--ep"),
                Features = FeatureKinds.Parse(parseResult.GetValue(features), "--features"),
                IntraOpThreads = parseResult.GetValue(threads),
                KPatches = parseResult.GetValue(k),
                Method = LocalizationMethods.Parse(parseResult.GetValue(method), "--method"),
                DinoSegHead = parseResult.GetValue(head),
                DinoSegReferenceCompatible = parseResult.GetValue(compat),
            };
            var files = ImageFileWalker.Expand(parseResult.GetValue(images)!).ToList();
            if (files.Count == 0 || files.All(f => f.Missing))
            {
                throw new LostInputException("images", "no image found in the given paths.");
            }
            foreach (var (path, _) in files.Where(f => f.Missing))
            {
                stdout.WriteLine(LocalizationJson.ErrorLine(path, "the file does not exist."));
            }
            var found = files.Where(f => !f.Missing).Select(f => new RunImage(f.Path, Path.GetFileName(f.Path))).ToList();
            return ModelRun.Execute(parseResult, run, options, found, parseResult.GetValue(output), stdout).ExitCode;
        }));
        return command;
    }
}
