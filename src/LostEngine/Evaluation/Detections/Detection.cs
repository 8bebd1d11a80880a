using LostEngine.IO;

namespace LostEngine.Evaluation.Detections;

/// <summary>One detection as <c>main_corloc_evaluation.py --type_pred detectron</c> reads it, its box turned into corners.</summary>
/// <param name="ImageId">The image id, as Python's <c>int()</c> reads the entry's <c>image_id</c>.</param>
/// <param name="Box"><c>[x, y, x + w, y + h]</c>, summed as Python sums the JSON numbers (no +1, no rounding).</param>
/// <param name="Score">The detector's confidence.</param>
/// <param name="IntegerBox">True when all four bbox numbers were written as JSON integers (an int64 array in the reference).</param>
public readonly record struct Detection(long ImageId, BoundingBox Box, double Score, bool IntegerBox)
{
    /// <summary>Every entry of <paramref name="results"/> as the CorLoc reference reads it, in file order.</summary>
    /// <exception cref="LostInputException">
    /// An entry's <c>image_id</c> is a string that is not Python integer text, its box has a negative width or height,
    /// or a corner overflows float64; the message names the file, the entry and the field.
    /// </exception>
    public static IReadOnlyList<Detection> FromResults(DetectionResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var detections = new Detection[results.Count];
        for (int i = 0; i < detections.Length; i++)
        {
            detections[i] = From(results, results.Entries[i]);
        }
        return detections;
    }

    private static Detection From(DetectionResults results, in DetectionEntry entry)
    {
        long imageId = entry.ImageNumber;
        if (entry.ImageKey is { } key && !PythonIntText.TryParse(key, out imageId))
        {
            throw results.EntryError(entry.Index, "image_id", $"{entry.ImageText} is not an integer");
        }
        if (entry.Width < 0 || entry.Height < 0)
        {
            throw results.EntryError(entry.Index, "bbox", $"has a negative width or height ({entry.Width}, {entry.Height})");
        }
        // The reference sums x + w in the type json gave it, int64 or float64; the float64 sum of two integers is the
        // int64 one below 2^53, far beyond any image.
        var box = new BoundingBox(entry.X, entry.Y, entry.X + entry.Width, entry.Y + entry.Height);
        if (!double.IsFinite(box.X2) || !double.IsFinite(box.Y2))
        {
            throw results.EntryError(entry.Index, "bbox", "has a corner x + w or y + h beyond float64");
        }
        return new Detection(imageId, box, entry.Score, entry.IntegerBox);
    }
}
