using System.CommandLine;
using System.Text.Json;
using LostEngine.Model;
using LostEngine.Pipeline;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost localize IMAGES_OR_FOLDERS... --model M</c>: one JSON line per image, and optionally the reference's
/// prediction file (image file name → [x1, y1, x2, y2], images without an object left out).
/// </summary>
internal static class LocalizeCommand
{
    // File names and error messages are printed as written (quotes, non-ASCII) rather than \u-escaped.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions ReadableWriter = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
        var command = new Command("localize", "Find the main object of each image; one JSON line per image.")
        {
            images, model, ep, features, threads, k, method, head, compat, output,
        };
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
                parseResult.InvocationConfiguration.Error.WriteLine("error: no image found in the given paths.");
                return ExitCodes.BadInput;
            }
            using var localizer = new LostLocalizer(options);
            var predictions = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
            foreach (var (path, missing) in files)
            {
                stdout.WriteLine(missing ? ErrorLine(path, "the file does not exist.") : Localize(localizer, path, predictions));
            }
            if (parseResult.GetValue(output) is { } predictionsPath)
            {
                File.WriteAllText(predictionsPath, JsonSerializer.Serialize(predictions, Readable));
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Localize(LostLocalizer localizer, string path, IDictionary<string, int[]> predictions)
    {
        LocalizationResult result;
        try
        {
            result = localizer.LocalizeFile(path);
        }
        catch (LostInputException e)
        {
            return ErrorLine(path, e.Message);
        }
        if (result.HasObject)
        {
            predictions[Path.GetFileName(path)] = [result.Box.X1, result.Box.Y1, result.Box.X2, result.Box.Y2];
        }
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ReadableWriter))
        {
            json.WriteStartObject();
            json.WriteString("image", path);
            json.WriteNumber("width", result.ImageWidth);
            json.WriteNumber("height", result.ImageHeight);
            json.WriteStartArray("grid");
            json.WriteNumberValue(result.GridRows);
            json.WriteNumberValue(result.GridCols);
            json.WriteEndArray();
            json.WriteBoolean("object", result.HasObject);
            if (result.HasObject)
            {
                json.WriteStartArray("box");
                json.WriteNumberValue(result.Box.X1);
                json.WriteNumberValue(result.Box.Y1);
                json.WriteNumberValue(result.Box.X2);
                json.WriteNumberValue(result.Box.Y2);
                json.WriteEndArray();
            }
            else
            {
                json.WriteNull("box");
                json.WriteString("reason", result.ReasonText);
            }
            if (result.Seed is { } seed)
            {
                json.WriteNumber("seed", seed);
            }
            else
            {
                json.WriteNull("seed");
            }
            json.WriteStartObject("timings_ms");
            json.WriteNumber("decode", Math.Round(result.Timings.DecodeMs, 3));
            json.WriteNumber("preprocess", Math.Round(result.Timings.PreprocessMs, 3));
            json.WriteNumber("model", Math.Round(result.Timings.ModelMs, 3));
            json.WriteNumber("kernel", Math.Round(result.Timings.KernelMs, 3));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string ErrorLine(string path, string reason)
        => JsonSerializer.Serialize(new Dictionary<string, string> { ["image"] = path, ["error"] = reason }, Readable);
}
