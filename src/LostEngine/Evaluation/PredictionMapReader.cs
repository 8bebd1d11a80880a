using System.Text.Json;

namespace LostEngine.Evaluation;

/// <summary>Reads a prediction map file: one JSON object from image key to <c>[x1, y1, x2, y2]</c> or null.</summary>
public static class PredictionMapReader
{
    /// <summary>Reads the file.</summary>
    /// <exception cref="LostInputException">
    /// The file cannot be read, is not a JSON object, repeats a key, or has a value that is not a box;
    /// the message names the file and the key.
    /// </exception>
    public static PredictionMap Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonDocument document;
        try
        {
            using FileStream stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new LostInputException(path, $"the predictions are not valid JSON ({e.Message})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException(path, $"the predictions cannot be read ({e.Message})", e);
        }
        using (document)
        {
            return FromElement(document.RootElement, path);
        }
    }

    /// <summary>Reads a map already parsed, naming <paramref name="path"/> in errors.</summary>
    internal static PredictionMap FromElement(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new LostInputException(path, $"the predictions must be a JSON object from image key to [x1, y1, x2, y2], not {BoxJson.Describe(root)}");
        }
        var map = new PredictionMap();
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (property.Name.Length == 0)
            {
                throw new LostInputException(path, "a prediction has an empty key");
            }
            if (!BoxJson.TryRead(property.Value, out BoundingBox? box))
            {
                throw new LostInputException(path,
                    $"key \"{property.Name}\": expected [x1, y1, x2, y2] (4 numbers) or null, found {BoxJson.Describe(property.Value)}");
            }
            if (!map.TryAdd(property.Name, box))
            {
                throw new LostInputException(path, $"key \"{property.Name}\" appears more than once");
            }
        }
        return map;
    }
}
