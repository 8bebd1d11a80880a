namespace LostEngine.Evaluation;

/// <summary>The predictions of several parts of a run joined into one map.</summary>
/// <param name="Map">One prediction per image; on a conflict, the first part's.</param>
/// <param name="Issues">Duplicates, conflicts and cut-short lines, per image.</param>
/// <param name="Objects">
/// Every object of the images whose parts recorded several (MaskCut's journals and logs), by image key; empty when
/// no part did.
/// </param>
public sealed record MergeResult(PredictionMap Map, IReadOnlyList<EvaluationIssue> Issues, IReadOnlyDictionary<string, IReadOnlyList<BoundingBox>> Objects)
{
    /// <summary>Whether two parts disagree on some image; such a merge should not be trusted.</summary>
    public bool HasConflicts => Issues.Any(i => i.Kind == EvaluationIssueKind.ConflictingPrediction);
}
