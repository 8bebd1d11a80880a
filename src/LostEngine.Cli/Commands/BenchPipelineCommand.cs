using System.CommandLine;
using System.Text.Json;
using LostEngine.Cli.Catalog;
using LostEngine.Cli.Progress;
using LostEngine.Imaging;
using LostEngine.Kernel;
using LostEngine.Model;
using LostEngine.Pipeline;
using SkiaSharp;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost bench pipeline --model M --size HxW</c>: median time of each stage (decode of an in-memory PNG or JPEG of
/// that size, preprocessing, model, kernel) over several runs, and how much the non-model stages add to the model.
/// </summary>
internal static class BenchPipelineCommand
{
    private const int WarmupRuns = 2;

    internal static Command Create(ModelSources sources)
    {
        var model = ModelCommandOptions.Model();
        var ep = ModelCommandOptions.ExecutionProvider();
        var threads = ModelCommandOptions.Threads();
        var size = new Option<string>("--size") { Description = "Image size HxW in pixels, e.g. 480x640.", DefaultValueFactory = _ => "480x640" };
        var runs = new Option<int>("--runs") { Description = "Measured runs (after 2 warm-up runs).", DefaultValueFactory = _ => 20 };
        var format = new Option<string>("--format") { Description = "Encoding of the synthetic image: png or jpeg.", DefaultValueFactory = _ => "png" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("pipeline", "Per-stage median times of the whole pipeline on a synthetic image.")
        {
            model, ep, threads, size, runs, format, json,
        };
        command.SetAction(parseResult => CommandErrors.Run(parseResult, _ =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var (height, width) = ParseSize(parseResult.GetValue(size)!);
            int count = parseResult.GetValue(runs);
            if (count < 1)
            {
                throw new LostInputException("--runs", $"must be at least 1, got {count}.");
            }
            var encoding = parseResult.GetValue(format)?.ToLowerInvariant() switch
            {
                "png" => SKEncodedImageFormat.Png,
                "jpeg" or "jpg" => SKEncodedImageFormat.Jpeg,
                var other => throw new LostInputException("--format", $"'{other}' is not one of png, jpeg."),
            };
            byte[] encoded = SyntheticImage(width, height, encoding);
            string modelPath = ModelArgument.Resolve(parseResult.GetValue(model)!, sources, ProgressMode.Auto, parseResult.InvocationConfiguration.Error);
            using var localizer = OptionNames.Check(() => new LostLocalizer(new LocalizerOptions
            {
                ModelPath = modelPath,
                ExecutionProvider = ExecutionProviderNames.Parse(parseResult.GetValue(ep), "--ep"),
                IntraOpThreads = parseResult.GetValue(threads),
                Kernel = new LostKernelOptions(Threads: Math.Max(1, parseResult.GetValue(threads))),
            }));
            var samples = new StageTimings[count];
            for (int i = -WarmupRuns; i < count; i++)
            {
                var result = localizer.LocalizeEncoded(encoded, "synthetic");
                if (i >= 0)
                {
                    samples[i] = result.Timings;
                }
            }
            double decode = Median(samples, t => t.DecodeMs), preprocess = Median(samples, t => t.PreprocessMs);
            double modelMs = Median(samples, t => t.ModelMs), kernel = Median(samples, t => t.KernelMs);
            double fraction = (decode + preprocess + kernel) / modelMs;
            if (parseResult.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(new
                {
                    size = new[] { height, width },
                    grid = new[] { localizer.LastBinding.Rows, localizer.LastBinding.Cols },
                    runs = count,
                    threads = parseResult.GetValue(threads),
                    provider = localizer.Model.Provider.Name(),
                    format = encoding.ToString().ToLowerInvariant(),
                    median_ms = new { decode, preprocess, model = modelMs, kernel },
                    non_model_fraction = fraction,
                }));
            }
            else
            {
                stdout.WriteLine($"{height}x{width} ({localizer.LastBinding.Rows}x{localizer.LastBinding.Cols} patches), {count} runs, " +
                    $"provider {localizer.Model.Provider.Name()}, threads {parseResult.GetValue(threads)}, {encoding} input");
                stdout.WriteLine($"  decode      {decode,10:F3} ms");
                stdout.WriteLine($"  preprocess  {preprocess,10:F3} ms  ({preprocess * 1e6 / ((double)height * width):F2} ns/pixel)");
                stdout.WriteLine($"  model       {modelMs,10:F3} ms");
                stdout.WriteLine($"  kernel      {kernel,10:F3} ms");
                stdout.WriteLine($"  non-model stages / model = {fraction:P1}");
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static (int Height, int Width) ParseSize(string text)
    {
        var size = SizeArgument.Parse(text, "--size", "HxW");
        long pixels = (long)size.First * size.Second;
        // The synthetic image is made in memory before the decoder could refuse it.
        if (pixels > ImageDecoder.DefaultPixelLimit)
        {
            throw new LostInputException("--size", $"{size} is {pixels} pixels, above the limit of {ImageDecoder.DefaultPixelLimit} pixels.");
        }
        return (size.First, size.Second);
    }

    /// <summary>A deterministic image with texture and an object-like bright rectangle, so the codec has real work.</summary>
    private static byte[] SyntheticImage(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var random = new Random(42);
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 4;
                bool inside = x > width / 3 && x < 2 * width / 3 && y > height / 3 && y < 2 * height / 3;
                pixels[i] = (byte)((inside ? 160 : x * 255 / width) + (pixels[i] & 31));
                pixels[i + 1] = (byte)((inside ? 120 : y * 255 / height) + (pixels[i + 1] & 31));
                pixels[i + 2] = (byte)((inside ? 40 : 90) + (pixels[i + 2] & 31));
                pixels[i + 3] = 255;
            }
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    private static double Median(StageTimings[] samples, Func<StageTimings, double> stage)
    {
        var values = samples.Select(stage).Order().ToArray();
        int mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
