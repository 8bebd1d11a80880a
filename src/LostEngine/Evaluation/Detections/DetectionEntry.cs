using System.Globalization;

namespace LostEngine.Evaluation.Detections;

/// <summary>
/// One entry of a COCO detection results file as the file writes it. The two evaluations read it differently
/// (CorLoc takes Python's <c>int()</c> of the id and sums the box in its JSON type; the class-aware AP matches the id
/// as written and converts the box as detectron2 does), so nothing is converted here.
/// </summary>
/// <param name="Index">The entry's position in the file, from 0, named in errors.</param>
/// <param name="ImageKey">The <c>image_id</c> when the file writes it as a string; null when it is a number.</param>
/// <param name="ImageNumber">The <c>image_id</c> when the file writes it as a whole number (<c>5</c> or <c>5.0</c>).</param>
/// <param name="CategoryId">The <c>category_id</c>, a whole number; null when the entry has none.</param>
/// <param name="Score">The detector's confidence, finite.</param>
/// <param name="X">The box's left edge, <c>bbox[0]</c>.</param>
/// <param name="Y">The box's top edge, <c>bbox[1]</c>.</param>
/// <param name="Width">The box's width, <c>bbox[2]</c>.</param>
/// <param name="Height">The box's height, <c>bbox[3]</c>.</param>
/// <param name="IntegerBox">
/// True when all four bbox numbers are JSON integers within int64: Python's json makes them ints, and torch an int64
/// tensor; otherwise floats.
/// </param>
public readonly record struct DetectionEntry(
    int Index, string? ImageKey, long ImageNumber, long? CategoryId, double Score,
    double X, double Y, double Width, double Height, bool IntegerBox)
{
    /// <summary>The <c>image_id</c> as the file writes it, quoted when a string, safe to print in a message.</summary>
    public string ImageText => ImageKey is null
        ? ImageNumber.ToString(CultureInfo.InvariantCulture)
        : $"\"{PrintableText.Escape(DetectionResultsReader.Shorten(ImageKey))}\"";
}
