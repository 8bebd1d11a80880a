namespace LostEngine.Evaluation.Detections;

/// <summary>The entries of a COCO detection results file (detectron2's <c>coco_instances_results.json</c>), in file order.</summary>
public sealed class DetectionResults
{
    private readonly DetectionEntry[] _entries;

    internal DetectionResults(string source, DetectionEntry[] entries)
    {
        Source = source;
        _entries = entries;
    }

    /// <summary>The file the detections came from, named in errors.</summary>
    public string Source { get; }

    /// <summary>How many detections the file holds.</summary>
    public int Count => _entries.Length;

    /// <summary>The entries, in file order.</summary>
    public IReadOnlyList<DetectionEntry> Entries => _entries;

    /// <summary>The error for a field of one entry, worded as the reader words its own: the file, the entry's index, the field.</summary>
    internal LostInputException EntryError(int index, string field, string problem) =>
        DetectionResultsReader.EntryError(Source, index, field, problem);
}
