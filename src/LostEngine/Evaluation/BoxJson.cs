using System.Text.Json;

namespace LostEngine.Evaluation;

/// <summary>Reads and writes a box as the JSON array <c>[x1, y1, x2, y2]</c>, or null for "no object".</summary>
internal static class BoxJson
{
    /// <summary>Reads a box or a null; false when the value is neither.</summary>
    public static bool TryRead(JsonElement value, out BoundingBox? box)
    {
        box = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 4)
        {
            return false;
        }
        Span<double> v = stackalloc double[4];
        for (int i = 0; i < 4; i++)
        {
            if (value[i].ValueKind != JsonValueKind.Number || !value[i].TryGetDouble(out v[i]))
            {
                return false;
            }
        }
        box = new BoundingBox(v[0], v[1], v[2], v[3]);
        return true;
    }

    /// <summary>Writes a box or a null.</summary>
    public static void Write(Utf8JsonWriter writer, BoundingBox? box)
    {
        if (box is not BoundingBox b)
        {
            writer.WriteNullValue();
            return;
        }
        writer.WriteStartArray();
        writer.WriteNumberValue(b.X1);
        writer.WriteNumberValue(b.Y1);
        writer.WriteNumberValue(b.X2);
        writer.WriteNumberValue(b.Y2);
        writer.WriteEndArray();
    }

    /// <summary>Describes what a JSON value is, for error messages.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => $"an array of {value.GetArrayLength()} items",
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
