using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LostEngine.Kernel;
using LostEngine.Pipeline;

namespace LostEngine.Cli.Runs;

/// <summary>
/// The one-line JSON record of one image that <c>localize</c> prints and dataset runs log. Every method's line has
/// the same fields (<c>box</c> is the image's one box: MaskCut's first object); TokenCut's adds its cut's value and
/// eigengap, MaskCut's every object.
/// </summary>
internal static class LocalizationJson
{
    // File names and error messages are printed as written (quotes, non-ASCII) rather than \u-escaped.
    private static readonly JsonWriterOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="image">The image's path as given.</param>
    /// <param name="result">What the localizer found.</param>
    /// <param name="ncut">The localizer's <see cref="LostLocalizer.NcutDetails"/>, holding MaskCut's objects.</param>
    /// <param name="picturesError">Why the image's <c>--visualize</c> pictures could not be written, or null.</param>
    public static string Line(string image, in LocalizationResult result, NcutWorkspace? ncut, string? picturesError = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Readable))
        {
            json.WriteStartObject();
            json.WriteString("image", image);
            json.WriteNumber("width", result.ImageWidth);
            json.WriteNumber("height", result.ImageHeight);
            json.WriteStartArray("grid");
            json.WriteNumberValue(result.GridRows);
            json.WriteNumberValue(result.GridCols);
            json.WriteEndArray();
            json.WriteBoolean("object", result.HasObject);
            if (result.HasObject)
            {
                json.WriteBox("box", result.Box);
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
            if (result.Method == LocalizationMethod.TokenCut)
            {
                json.WriteSpectrum(result.TokenCut);
            }
            if (result.Method == LocalizationMethod.MaskCut)
            {
                ArgumentNullException.ThrowIfNull(ncut);
                WriteObjects(json, ncut.Objects, result);
            }
            if (picturesError is not null)
            {
                json.WriteString("pictures_error", picturesError);
            }
            json.WriteStartObject("timings_ms");
            json.WriteNumber("decode", Math.Round(result.Timings.DecodeMs, 3));
            json.WriteNumber("preprocess", Math.Round(result.Timings.PreprocessMs, 3));
            json.WriteNumber("model", Math.Round(result.Timings.ModelMs, 3));
            json.WriteNumber("kernel", Math.Round(result.Timings.KernelMs, 3));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteObjects(Utf8JsonWriter json, ReadOnlySpan<MaskCutObject> objects, in LocalizationResult result)
    {
        json.WriteStartArray("objects");
        foreach (var found in objects)
        {
            json.WriteStartObject();
            json.WriteNumber("round", found.Round);
            json.WriteBox("box", result.ToImagePixels(found.Box));
            json.WriteNumber("cell_count", found.CellCount);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static string ErrorLine(string image, string reason)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Readable))
        {
            json.WriteStartObject();
            json.WriteString("image", image);
            json.WriteString("error", reason);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
