using System.Text.Json;

namespace LostEngine.Evaluation;

/// <summary>The JSON form of an <see cref="ImageResultRecord"/>, one object per line.</summary>
internal static class ImageResultRecordJson
{
    public static void Write(Utf8JsonWriter writer, ImageResultRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("image", record.Image);
        writer.WritePropertyName("box");
        BoxJson.Write(writer, record.Box);
        if (record.BestIoU is double iou)
        {
            writer.WriteNumber("best_iou", iou);
        }
        if (record.Correct is bool correct)
        {
            writer.WriteBoolean("correct", correct);
        }
        if (record.Note is not null)
        {
            writer.WriteString("note", record.Note);
        }
        if (record.Objects is not null)
        {
            writer.WriteStartArray("objects");
            foreach (BoundingBox box in record.Objects)
            {
                BoxJson.Write(writer, box);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>Reads one line; null with a problem when it is not a record.</summary>
    public static ImageResultRecord? TryRead(ReadOnlySpan<byte> line, out string? problem)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!JsonDocument.TryParseValue(ref reader, out JsonDocument? parsed))
            {
                problem = "empty line";
                return null;
            }
            document = parsed;
            if (reader.Read())
            {
                document.Dispose();
                problem = "text after the JSON object";
                return null;
            }
        }
        catch (JsonException e)
        {
            problem = $"not valid JSON ({e.Message})";
            return null;
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("image", out JsonElement image) || image.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(image.GetString()))
            {
                problem = "expected an object with a non-empty string \"image\"";
                return null;
            }
            if (!root.TryGetProperty("box", out JsonElement boxElement) || !BoxJson.TryRead(boxElement, out BoundingBox? box))
            {
                problem = $"image \"{image.GetString()}\": \"box\" must be [x1, y1, x2, y2] or null";
                return null;
            }
            List<BoundingBox>? objects = null;
            if (root.TryGetProperty("objects", out JsonElement objectsElement) && !TryReadObjects(objectsElement, out objects))
            {
                problem = $"image \"{image.GetString()}\": \"objects\" must be an array of [x1, y1, x2, y2] or of objects with a \"box\"";
                return null;
            }
            problem = null;
            return new ImageResultRecord(
                image.GetString()!,
                box,
                root.TryGetProperty("best_iou", out JsonElement iou) && iou.ValueKind == JsonValueKind.Number ? iou.GetDouble() : null,
                root.TryGetProperty("correct", out JsonElement correct) && correct.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? correct.GetBoolean() : null,
                root.TryGetProperty("note", out JsonElement note) && note.ValueKind == JsonValueKind.String ? note.GetString() : null,
                objects);
        }
    }

    private static bool TryReadObjects(JsonElement value, out List<BoundingBox>? objects)
    {
        objects = null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        var boxes = new List<BoundingBox>(value.GetArrayLength());
        foreach (JsonElement item in value.EnumerateArray())
        {
            // A journal keeps the boxes alone; a localize line or log keeps each object with its round and size.
            JsonElement boxElement = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("box", out JsonElement inner) ? inner : item;
            if (!BoxJson.TryRead(boxElement, out BoundingBox? box) || box is not BoundingBox b)
            {
                return false;
            }
            boxes.Add(b);
        }
        objects = boxes;
        return true;
    }
}
