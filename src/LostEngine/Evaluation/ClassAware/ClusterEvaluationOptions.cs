namespace LostEngine.Evaluation.ClassAware;

/// <summary>How <see cref="ClusterEvaluator"/> runs.</summary>
public sealed record ClusterEvaluationOptions
{
    /// <summary>The most threads scoring class × cluster pairs at once.</summary>
    public const int MaxThreads = 256;

    /// <summary>The most clusters a detector may have (clusters 0 to this less one).</summary>
    public const int MaxClusters = 10_000;

    /// <summary>
    /// How many clusters the detector was trained with (clusters 0 to this less one, each the <c>category_id</c>
    /// less <see cref="CategoryOffset"/>); a cluster with no detection scores AP 0 for every class. Null: the largest
    /// cluster plus one.
    /// </summary>
    public int? Clusters { get; init; }

    /// <summary>
    /// The <c>category_id</c> of cluster 0 in the results: 0 for a detector trained on the reference's dataset dicts
    /// (<c>lost pseudo-labels --format detectron2-lost</c>), 1 for one trained on a COCO file whose category ids start
    /// at 1 (<c>--format coco</c>), as detectron2's <c>COCOEvaluator</c> writes the file's ids back.
    /// </summary>
    public int CategoryOffset { get; init; }

    /// <summary>Threads scoring pairs in parallel, 0 for one per processor; the results do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>The ground-truth classes in the reference's order; the 20 Pascal VOC classes unless given.</summary>
    public IReadOnlyList<string> Classes { get; init; } = VocClassNames.All;

    /// <summary>Checks the values.</summary>
    /// <exception cref="LostInputException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Threads is < 0 or > MaxThreads)
        {
            throw new LostInputException("threads", $"must be from 0 (one per processor) to {MaxThreads}, not {Threads}");
        }
        if (Clusters is { } clusters && (clusters < 1 || clusters > MaxClusters))
        {
            throw new LostInputException("clusters", $"must be from 1 to {MaxClusters}, not {clusters}");
        }
        if (CategoryOffset < 0)
        {
            throw new LostInputException("category_offset", $"must be 0 or more, not {CategoryOffset}");
        }
        if (Classes.Count == 0 || Classes.Distinct(StringComparer.Ordinal).Count() != Classes.Count)
        {
            throw new LostInputException("classes", "must name at least one class, each once");
        }
    }
}
