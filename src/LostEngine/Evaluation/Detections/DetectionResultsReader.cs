using System.Text;
using System.Text.Json;
using LostEngine.IO;

namespace LostEngine.Evaluation.Detections;

/// <summary>
/// Reads a COCO detection results file (detectron2's <c>coco_instances_results.json</c>): a JSON array of
/// <c>{"image_id", "bbox": [x, y, w, h], "score", "category_id"}</c>. Other fields (a segmentation) are skipped
/// without being kept. The whole file is refused on its first bad entry, named by its 0-based index and field: a
/// detector never writes one, so it means the file is not what it is taken for.
/// </summary>
public static class DetectionResultsReader
{
    private const int MaxQuotedChars = 80;

    /// <summary>Reads every detection, in file order.</summary>
    /// <exception cref="LostInputException">
    /// The file cannot be read, exceeds <paramref name="limits"/>, is not a JSON array of objects, or an entry lacks a
    /// field or has one of the wrong type: an <c>image_id</c> that is neither a whole number nor a string, a
    /// <c>bbox</c> that is not 4 finite numbers, a <c>score</c> that is not a finite number, a <c>category_id</c>
    /// (optional) that is not a whole number. The input named is <paramref name="path"/>.
    /// </exception>
    public static DetectionResults Read(string path, DetectionReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= DetectionReadLimits.Default;
        byte[] bytes = BoundedFileReader.Read(path, limits.MaxFileBytes, path, "detection results");
        var entries = new List<DetectionEntry>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
        bool closed = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new LostInputException(path, "detection results must be a JSON array of {\"image_id\", \"bbox\", \"score\"} objects");
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (entries.Count == limits.MaxEntries)
                {
                    throw new LostInputException(path, $"holds more than the {limits.MaxEntries} detections allowed");
                }
                entries.Add(ReadEntry(ref reader, path, entries.Count));
            }
            closed = true;
            reader.Read();
        }
        catch (JsonException e)
        {
            string hint = StartsWithPythonSpecial(bytes.AsSpan((int)reader.BytesConsumed))
                ? "; Python's json writes NaN and Infinity, which JSON has no place for"
                : "";
            throw new LostInputException(path, closed
                ? $"text follows the array of detections, which is not valid JSON ({e.Message})"
                : $"entry {entries.Count}: not valid JSON ({e.Message}){hint}", e);
        }
        catch (InvalidOperationException e)
        {
            // An escaped half of a surrogate pair ("\ud800") is valid JSON but no text.
            throw new LostInputException(path, $"entry {entries.Count}: holds a string that is not valid Unicode ({e.Message})", e);
        }
        return new DetectionResults(path, [.. entries]);
    }

    /// <summary>The error for <paramref name="field"/> of entry <paramref name="index"/> of <paramref name="path"/>.</summary>
    internal static LostInputException EntryError(string path, int index, string field, string problem) =>
        new(path, $"entry {index}: \"{field}\" {problem}");

    /// <summary>At most 80 characters of a value quoted in a message.</summary>
    internal static string Shorten(string text) => text.Length <= MaxQuotedChars ? text : text[..MaxQuotedChars] + "...";

    private static DetectionEntry ReadEntry(ref Utf8JsonReader reader, string path, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new LostInputException(path, $"entry {index}: expected an object, found {Describe(reader.TokenType)}");
        }
        (string? Key, long Number)? image = null;
        long? category = null;
        double? score = null;
        Span<double> box = stackalloc double[4];
        bool? integerBox = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("image_id"u8))
            {
                reader.Read();
                image = ReadImageId(ref reader, path, index);
            }
            else if (reader.ValueTextEquals("bbox"u8))
            {
                reader.Read();
                integerBox = ReadBox(ref reader, path, index, box);
            }
            else if (reader.ValueTextEquals("score"u8))
            {
                reader.Read();
                score = ReadFiniteNumber(ref reader, path, index, "score");
            }
            else if (reader.ValueTextEquals("category_id"u8))
            {
                reader.Read();
                category = ReadWholeNumber(ref reader)
                    ?? throw EntryError(path, index, "category_id", $"must be an integer, not {Describe(ref reader)}");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (image is not var (key, number))
        {
            throw EntryError(path, index, "image_id", "is missing");
        }
        if (integerBox is not bool integer)
        {
            throw EntryError(path, index, "bbox", "is missing");
        }
        if (score is not double s)
        {
            throw EntryError(path, index, "score", "is missing");
        }
        return new DetectionEntry(index, key, number, category, s, box[0], box[1], box[2], box[3], integer);
    }

    private static (string?, long) ReadImageId(ref Utf8JsonReader reader, string path, int index)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return (reader.GetString()!, 0);
        }
        return ReadWholeNumber(ref reader) is long number
            ? (null, number)
            : throw EntryError(path, index, "image_id", $"must be an integer or a string, not {Describe(ref reader)}");
    }

    // Python's int() and dict keys take a whole float (5.0) as the integer it equals; a fraction is refused, not cut.
    private static long? ReadWholeNumber(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            return null;
        }
        if (reader.TryGetInt64(out long whole))
        {
            return whole;
        }
        return reader.TryGetDouble(out double value) && double.IsInteger(value) && Math.Abs(value) < 9223372036854775808.0
            ? (long)value
            : null;
    }

    /// <summary>Reads <c>[x, y, w, h]</c> into <paramref name="box"/>; true when all four are JSON integers within int64.</summary>
    private static bool ReadBox(ref Utf8JsonReader reader, string path, int index, scoped Span<double> box)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw EntryError(path, index, "bbox", $"must be [x, y, w, h], not {Describe(ref reader)}");
        }
        bool integer = true;
        int count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count == 4)
            {
                throw EntryError(path, index, "bbox", "has more than 4 numbers");
            }
            box[count] = ReadFiniteNumber(ref reader, path, index, "bbox");
            integer &= IsIntegerLiteral(reader) && reader.TryGetInt64(out _);
            count++;
        }
        return count == 4 ? integer : throw EntryError(path, index, "bbox", $"has {count} numbers, not 4 (x, y, w, h)");
    }

    private static double ReadFiniteNumber(ref Utf8JsonReader reader, string path, int index, string field)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw EntryError(path, index, field, $"must be a number, not {Describe(ref reader)}");
        }
        if (!reader.TryGetDouble(out double value) || !double.IsFinite(value))
        {
            throw EntryError(path, index, field, $"{Describe(ref reader)} is not a finite float64");
        }
        return value;
    }

    private static bool StartsWithPythonSpecial(ReadOnlySpan<byte> rest)
    {
        rest = rest.TrimStart(" \t\r\n,:"u8);
        return rest.StartsWith("NaN"u8) || rest.StartsWith("Infinity"u8) || rest.StartsWith("-Infinity"u8);
    }

    // Python's json makes a number with a fraction or an exponent a float, any other an int.
    private static bool IsIntegerLiteral(in Utf8JsonReader reader) =>
        reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"the string \"{PrintableText.Escape(Shorten(reader.GetString()!))}\"",
        JsonTokenType.Number => Shorten(Encoding.UTF8.GetString(reader.ValueSpan)),
        _ => Describe(reader.TokenType),
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
