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
    /// <summary>Reads every detection, in file order.</summary>
    /// <exception cref="LostInputException">
    /// The file cannot be read, exceeds <paramref name="limits"/>, is not a JSON array of objects, or an entry lacks a
    /// field or has one of the wrong type: an <c>image_id</c> that is not a whole number or Python integer text, a
    /// <c>bbox</c> that is not 4 finite numbers or has a negative width or height, a <c>score</c> that is not a
    /// finite number, a <c>category_id</c> that is not an integer. The input named is <paramref name="path"/>.
    /// </exception>
    public static IReadOnlyList<Detection> Read(string path, DetectionReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= DetectionReadLimits.Default;
        byte[] bytes = BoundedFileReader.Read(path, limits.MaxFileBytes, path, "detection results");
        var detections = new List<Detection>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new LostInputException(path, "detection results must be a JSON array of {\"image_id\", \"bbox\", \"score\"} objects");
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (detections.Count == limits.MaxEntries)
                {
                    throw new LostInputException(path, $"holds more than the {limits.MaxEntries} detections allowed");
                }
                detections.Add(ReadEntry(ref reader, path, detections.Count));
            }
        }
        catch (JsonException e)
        {
            string hint = StartsWithPythonSpecial(bytes.AsSpan((int)reader.BytesConsumed))
                ? "; Python's json writes NaN and Infinity, which JSON has no place for"
                : "";
            throw new LostInputException(path, $"entry {detections.Count}: not valid JSON ({e.Message}){hint}", e);
        }
        catch (InvalidOperationException e)
        {
            // An escaped half of a surrogate pair ("\ud800") is valid JSON but no text.
            throw new LostInputException(path, $"entry {detections.Count}: holds a string that is not valid Unicode ({e.Message})", e);
        }
        return detections;
    }

    private static Detection ReadEntry(ref Utf8JsonReader reader, string path, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new LostInputException(path, $"entry {index}: expected an object, found {Describe(reader.TokenType)}");
        }
        long? imageId = null;
        (BoundingBox Box, bool Integer)? box = null;
        double? score = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string field = reader.GetString()!;
            reader.Read();
            switch (field)
            {
                case "image_id":
                    imageId = ReadImageId(ref reader, path, index);
                    break;
                case "bbox":
                    box = ReadBox(ref reader, path, index);
                    break;
                case "score":
                    score = ReadFiniteNumber(ref reader, path, index, "score");
                    break;
                case "category_id":
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out _))
                    {
                        throw Bad(path, index, "category_id", $"must be an integer, not {Describe(ref reader)}");
                    }
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (imageId is not long id)
        {
            throw Bad(path, index, "image_id", "is missing");
        }
        if (box is not var (corners, integer))
        {
            throw Bad(path, index, "bbox", "is missing");
        }
        if (score is not double s)
        {
            throw Bad(path, index, "score", "is missing");
        }
        return new Detection(id, corners, s, integer);
    }

    // Python's int() takes an int, a whole float, or integer text; a fraction it would cut silently is refused.
    private static long ReadImageId(ref Utf8JsonReader reader, string path, int index)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            string text = reader.GetString()!;
            return PythonIntText.TryParse(text, out long parsed)
                ? parsed
                : throw Bad(path, index, "image_id", $"\"{text}\" is not an integer");
        }
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out long whole))
            {
                return whole;
            }
            if (reader.TryGetDouble(out double value) && double.IsInteger(value) && Math.Abs(value) < 9223372036854775808.0)
            {
                return (long)value;
            }
        }
        throw Bad(path, index, "image_id", $"must be an integer or integer text, not {Describe(ref reader)}");
    }

    private static (BoundingBox, bool) ReadBox(ref Utf8JsonReader reader, string path, int index)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Bad(path, index, "bbox", $"must be [x, y, w, h], not {Describe(ref reader)}");
        }
        Span<double> values = stackalloc double[4];
        Span<long> integers = stackalloc long[4];
        bool integer = true;
        int count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count == 4)
            {
                throw Bad(path, index, "bbox", "has more than 4 numbers");
            }
            values[count] = ReadFiniteNumber(ref reader, path, index, "bbox");
            integer &= IsIntegerLiteral(reader) && reader.TryGetInt64(out integers[count]);
            count++;
        }
        if (count != 4)
        {
            throw Bad(path, index, "bbox", $"has {count} numbers, not 4 (x, y, w, h)");
        }
        if (values[2] < 0 || values[3] < 0)
        {
            throw Bad(path, index, "bbox", $"has a negative width or height ({values[2]}, {values[3]})");
        }
        // The reference sums x + w in the type json gave it: int64 for integers, float64 otherwise.
        BoundingBox box = integer
            ? new BoundingBox(integers[0], integers[1], integers[0] + integers[2], integers[1] + integers[3])
            : new BoundingBox(values[0], values[1], values[0] + values[2], values[1] + values[3]);
        if (!double.IsFinite(box.X2) || !double.IsFinite(box.Y2))
        {
            throw Bad(path, index, "bbox", "has a corner x + w or y + h beyond float64");
        }
        return (box, integer);
    }

    private static double ReadFiniteNumber(ref Utf8JsonReader reader, string path, int index, string field)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw Bad(path, index, field, $"must be a number, not {Describe(ref reader)}");
        }
        if (!reader.TryGetDouble(out double value) || !double.IsFinite(value))
        {
            throw Bad(path, index, field, $"{Encoding.UTF8.GetString(reader.ValueSpan)} is not a finite float64");
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

    private static LostInputException Bad(string path, int index, string field, string problem) =>
        new(path, $"entry {index}: \"{field}\" {problem}");

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"the string \"{reader.GetString()}\"",
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
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
