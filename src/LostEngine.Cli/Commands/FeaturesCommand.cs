using System.CommandLine;
using System.Text.Json;
using LostEngine.Cli.Catalog;
using LostEngine.Cli.Outputs;
using LostEngine.Cli.Progress;
using LostEngine.Imaging;
using LostEngine.IO;
using LostEngine.Model;

namespace LostEngine.Cli.Commands;

/// <summary><c>lost features IMAGE --model M --output KEYS.npy</c>: the patch features (CLS and register rows removed) as float32 (N, d) .npy.</summary>
internal static class FeaturesCommand
{
    internal static Command Create(ModelSources sources)
    {
        var image = new Argument<string>("image") { Description = "The image file." };
        var model = ModelCommandOptions.Model();
        var features = ModelCommandOptions.Features();
        var ep = ModelCommandOptions.ExecutionProvider();
        var threads = ModelCommandOptions.Threads();
        var output = new Option<string>("--output") { Description = "Where to write the (N, d) float32 .npy.", Required = true };
        var command = new Command("features", "Write the patch features of one image (CLS and register rows removed) as a float32 (N, d) .npy file.")
        {
            image, model, features, ep, threads, output,
        };
        command.SetAction(parseResult => CommandErrors.Run(parseResult, _ =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var kind = FeatureKinds.Parse(parseResult.GetValue(features), "--features");
            string imagePath = parseResult.GetValue(image)!;
            string outputPath = parseResult.GetValue(output)!;
            OutputChecks.Require([new OutputLocation("--output", outputPath, OutputKind.File)], [imagePath, parseResult.GetValue(model)!]);
            var modelOptions = ModelCommandOptions.ToModelOptions(parseResult.GetValue(ep)!, parseResult.GetValue(threads));
            string modelPath = ModelArgument.Resolve(parseResult.GetValue(model)!, sources, ProgressMode.Auto, parseResult.InvocationConfiguration.Error);
            using var dino = DinoModel.Load(modelPath, modelOptions);
            using var extractor = new KeyExtractor(dino, kind.Output());
            var decoder = new ImageDecoder();
            var decoded = decoder.DecodeFile(imagePath);
            int patch = dino.Info.PatchSize;
            int paddedHeight = ImagePreprocessor.PaddedSize(decoded.Height, patch);
            int paddedWidth = ImagePreprocessor.PaddedSize(decoded.Width, patch);
            var binding = extractor.Bind(paddedHeight, paddedWidth);
            ImagePreprocessor.Preprocess(decoder.Pixels, decoded.Width, decoded.Height, decoded.Stride, decoded.Format, binding.Input, paddedHeight, paddedWidth);
            extractor.Run(binding);
            OutputWrites.Guard("--output", outputPath, () => NpyWriter.WriteFloat32(outputPath, binding.Features(kind), [binding.Patches, binding.Dim]));
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                grid = new[] { binding.Rows, binding.Cols },
                patch_size = patch,
                dim = binding.Dim,
                features = kind.ToString().ToLowerInvariant(),
                provider = dino.Provider.Name(),
                output = outputPath,
            }));
            return ExitCodes.Success;
        }));
        return command;
    }
}
