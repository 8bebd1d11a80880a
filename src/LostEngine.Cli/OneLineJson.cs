using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LostEngine.Cli;

/// <summary>
/// Writes one JSON object per line in the spacing Python's <c>json.dumps</c> uses (<c>{"a": 1, "b": [2, 3]}</c>),
/// so the tool's output reads like the reference's and diffs cleanly against it.
/// </summary>
internal static class OneLineJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Messages may hold '·' or '≤'; the output is for terminals and scripts, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds an object with <paramref name="body"/> (which writes its properties) and writes it as one line.</summary>
    public static void WriteObject(TextWriter output, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        output.WriteLine(AddSpacing(buffer.WrittenSpan));
    }

    /// <summary>Writes a property whose value is an array of integers.</summary>
    public static void WriteIntArray(this Utf8JsonWriter writer, string name, ReadOnlySpan<int> values)
    {
        writer.WriteStartArray(name);
        foreach (int value in values)
        {
            writer.WriteNumberValue(value);
        }
        writer.WriteEndArray();
    }

    // Utf8JsonWriter writes either compact JSON or one value per line; the space after ':' and ',' is
    // added here, outside strings only.
    private static string AddSpacing(ReadOnlySpan<byte> compact)
    {
        string text = Encoding.UTF8.GetString(compact);
        var spaced = new StringBuilder(text.Length + text.Length / 4);
        bool inString = false, escaped = false;
        foreach (char c in text)
        {
            spaced.Append(c);
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (c == '\\')
                {
                    escaped = true;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is ':' or ',')
            {
                spaced.Append(' ');
            }
        }
        return spaced.ToString();
    }
}
