using System.Text.Json;

namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// Reads a COCO results list, <c>[{"image_id", "category_id", "bbox": [x, y, w, h], "score"}, ...]</c>, as
/// detectron2's <c>COCOEvaluator</c> writes it; other fields (<c>segmentation</c>, ...) are skipped.
/// </summary>
public static class DetectionResultsReader
{
    /// <summary>The most clusters a results file may name (<c>category_id</c> up to one less).</summary>
    public const int MaxClusters = 10_000;

    // File.ReadAllBytes cannot hold more, and a results file this large would be millions of detections per image set.
    private const long MaxFileBytes = int.MaxValue;

    /// <summary>Reads the file.</summary>
    /// <exception cref="LostInputException">
    /// The file cannot be read, is not JSON, is not a list of detections, or has an entry with a missing or
    /// malformed field; the message names the file and the entry.
    /// </exception>
    public static DetectionResults Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                throw new LostInputException(path, $"the detections file is {length} bytes, above the {MaxFileBytes} this reader takes");
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException(path, $"the detections cannot be read ({e.Message})", e);
        }
        try
        {
            return Parse(bytes, path);
        }
        catch (JsonException e)
        {
            throw new LostInputException(path, $"the detections are not valid JSON ({e.Message})", e);
        }
    }

    private static DetectionResults Parse(ReadOnlySpan<byte> json, string path)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new LostInputException(path, "the detections must be a JSON list of {\"image_id\", \"category_id\", \"bbox\", \"score\"} objects");
        }
        var entries = new List<DetectionEntry>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            entries.Add(ReadEntry(ref reader, entries.Count, path));
        }
        if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
        {
            throw new LostInputException(path, "the detections list is not closed, or text follows it");
        }
        return new DetectionResults(path, [.. entries]);
    }

    private static DetectionEntry ReadEntry(ref Utf8JsonReader reader, int index, string path)
    {
        LostInputException Bad(string problem) => new(path, $"entry {index} (counting from 0): {problem}");
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Bad($"expected an object, found {reader.TokenType}");
        }
        string? imageKey = null;
        long imageNumber = 0;
        bool hasImage = false, hasCategory = false, hasScore = false, hasBox = false;
        int cluster = 0;
        double score = 0;
        Span<double> box = stackalloc double[4];
        bool integralBox = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("image_id"u8))
            {
                reader.Read();
                hasImage = true;
                imageKey = null;
                if (reader.TokenType == JsonTokenType.String)
                {
                    imageKey = reader.GetString();
                }
                else if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out imageNumber))
                {
                    throw Bad($"image_id must be a string or an integer, found {Describe(ref reader)}");
                }
            }
            else if (reader.ValueTextEquals("category_id"u8))
            {
                reader.Read();
                hasCategory = true;
                // Python's dict finds cluster 3 under the key 3.0 too, so an integral float is that cluster.
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out double category)
                    || !double.IsInteger(category) || category < 0 || category >= MaxClusters)
                {
                    throw Bad($"category_id (the cluster) must be an integer from 0 to {MaxClusters - 1}, found {Describe(ref reader)}");
                }
                cluster = (int)category;
            }
            else if (reader.ValueTextEquals("score"u8))
            {
                reader.Read();
                hasScore = true;
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out score) || !double.IsFinite(score))
                {
                    throw Bad($"score must be a finite number, found {Describe(ref reader)}");
                }
            }
            else if (reader.ValueTextEquals("bbox"u8))
            {
                reader.Read();
                hasBox = true;
                integralBox = ReadBox(ref reader, box, Bad);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        string? missing = !hasImage ? "image_id" : !hasCategory ? "category_id" : !hasScore ? "score" : !hasBox ? "bbox" : null;
        if (missing is not null)
        {
            throw Bad($"has no \"{missing}\"");
        }
        double x1, y1, x2, y2;
        if (integralBox)
        {
            (x1, y1, x2, y2) = (box[0] + 1, box[1] + 1, box[0] + box[2], box[1] + box[3]);
        }
        else
        {
            float x = (float)box[0], y = (float)box[1];
            (x1, y1, x2, y2) = ((double)x + 1, (double)y + 1, (float)(x + (float)box[2]), (float)(y + (float)box[3]));
        }
        return new DetectionEntry(index, imageKey, imageNumber, cluster, score, x1, y1, x2, y2);
    }

    /// <summary>Reads <c>[x, y, w, h]</c> into <paramref name="box"/>; true when all four are JSON integers.</summary>
    private static bool ReadBox(ref Utf8JsonReader reader, scoped Span<double> box, Func<string, LostInputException> bad)
    {
        const string Expected = "bbox must be [x, y, w, h], four numbers";
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw bad($"{Expected}, found {Describe(ref reader)}");
        }
        bool integral = true;
        int count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || count == 4 || !reader.TryGetDouble(out box[count]) || !double.IsFinite(box[count]))
            {
                throw bad(count == 4 ? $"{Expected}, found more than four values" : $"{Expected}, found {Describe(ref reader)} at {count}");
            }
            // Python's json makes an int of a literal without fraction or exponent, and torch keeps such a list in int64.
            integral &= reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;
            count++;
        }
        if (count != 4)
        {
            throw bad($"{Expected}, found {count} values");
        }
        return integral;
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"the string \"{PrintableText.Escape(Shorten(reader.GetString() ?? ""))}\"",
        JsonTokenType.Number => $"the number {System.Text.Encoding.UTF8.GetString(reader.ValueSpan)}",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString(),
    };

    /// <summary>At most 80 characters of a value quoted in a message.</summary>
    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
