namespace LostEngine.Evaluation;

/// <summary>The CorLoc of a set of predictions and how each image was scored.</summary>
/// <param name="SetName">The evaluated set.</param>
/// <param name="Images">Every image of the set, in the set's order.</param>
/// <param name="Issues">Every problem found in the dataset and the predictions.</param>
public sealed record CorLocReport(string SetName, IReadOnlyList<ImageEvaluation> Images, IReadOnlyList<EvaluationIssue> Issues)
{
    /// <summary>Images found: a prediction with IoU &gt;= 0.5 with some ground-truth box.</summary>
    public int Correct { get; } = Images.Count(i => i.Correct);

    /// <summary>The denominator: every image of the set that was not excluded.</summary>
    public int Counted { get; } = Images.Count(i => i.Counted);

    /// <summary>Images left out of the denominator (the "no hard" rule).</summary>
    public int Excluded => Images.Count - Counted;

    /// <summary>
    /// CorLoc in percent, computed as the reference does (<c>100 * found / count</c> in float64);
    /// 0 for an empty denominator.
    /// </summary>
    public double CorLocPercent => Counted == 0 ? 0 : 100.0 * Correct / Counted;

    /// <summary>How many issues of each kind were found.</summary>
    public IReadOnlyDictionary<EvaluationIssueKind, int> IssueCounts =>
        Issues.GroupBy(i => i.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
}
