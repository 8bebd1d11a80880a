namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// The detections of a results file (detectron2's <c>coco_instances_results.json</c>), each with its box already
/// in the reference's evaluation coordinates; the category of a detection is its cluster.
/// </summary>
public sealed class DetectionResults
{
    internal DetectionResults(string source, DetectionEntry[] entries)
    {
        Source = source;
        Entries = entries;
        LargestCategoryId = entries.Length == 0 ? -1 : entries.Max(entry => entry.Cluster);
    }

    /// <summary>The file the detections came from, named in errors.</summary>
    public string Source { get; }

    /// <summary>How many detections the file holds.</summary>
    public int Count => Entries.Length;

    /// <summary>The largest <c>category_id</c>, −1 when there is no detection.</summary>
    public int LargestCategoryId { get; }

    internal DetectionEntry[] Entries { get; }
}

/// <summary>
/// One detection. The box is what the reference's <c>load_predictions</c> makes of <c>[x, y, w, h]</c>:
/// detectron2's <c>BoxMode.convert</c> adds <c>x + w</c> and <c>y + h</c> in a torch tensor (int64 when all four
/// are JSON integers, else float32), then <c>x + 1</c> and <c>y + 1</c> in double, VOC's 1-based minima.
/// </summary>
/// <param name="Index">The entry's position in the file, from 0, for messages.</param>
/// <param name="ImageKey">The <c>image_id</c> when it is a string.</param>
/// <param name="ImageNumber">The <c>image_id</c> when it is an integer.</param>
/// <param name="Cluster">The <c>category_id</c>.</param>
/// <param name="Score">The <c>score</c>.</param>
/// <param name="X1">The left edge, 1-based.</param>
/// <param name="Y1">The top edge, 1-based.</param>
/// <param name="X2">The right edge, <c>x + w</c>.</param>
/// <param name="Y2">The bottom edge, <c>y + h</c>.</param>
internal readonly record struct DetectionEntry(
    int Index, string? ImageKey, long ImageNumber, int Cluster, double Score, double X1, double Y1, double X2, double Y2)
{
    /// <summary>The image id as the file writes it.</summary>
    public string ImageText => ImageKey is null
        ? ImageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : $"\"{PrintableText.Escape(DetectionResultsReader.Shorten(ImageKey))}\"";
}
