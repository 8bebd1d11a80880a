using System.Text.Json;
using LostEngine.IO;

namespace LostEngine.Evaluation;

/// <summary>Writes a prediction map in the format <see cref="PredictionMapReader"/> reads.</summary>
public static class PredictionMapWriter
{
    /// <summary>
    /// Writes the map with its keys in ordinal order, so that the same predictions give the same bytes
    /// whatever order they were found in. The file is written aside and moved into place, so a crash
    /// never leaves half a map behind.
    /// </summary>
    public static void Write(string path, PredictionMap map)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(map);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
            writer.WriteStartObject();
            foreach (KeyValuePair<string, BoundingBox?> entry in map.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(entry.Key);
                BoxJson.Write(writer, entry.Value);
            }
            writer.WriteEndObject();
        });
    }
}
