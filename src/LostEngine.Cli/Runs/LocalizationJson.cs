using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LostEngine.Pipeline;

namespace LostEngine.Cli.Runs;

/// <summary>The one-line JSON record of one image that <c>localize</c> prints and dataset runs log.</summary>
internal static class LocalizationJson
{
    // File names and error messages are printed as written (quotes, non-ASCII) rather than \u-escaped.
    private static readonly JsonWriterOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Line(string image, in LocalizationResult result)
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
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
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
