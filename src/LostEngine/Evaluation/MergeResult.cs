namespace LostEngine.Evaluation;

/// <summary>The predictions of several parts of a run joined into one map.</summary>
/// <param name="Map">One prediction per image; on a conflict, the first part's.</param>
/// <param name="Issues">Duplicates, conflicts and cut-short lines, per image.</param>
public sealed record MergeResult(PredictionMap Map, IReadOnlyList<EvaluationIssue> Issues)
{
    /// <summary>Whether two parts disagree on some image; such a merge should not be trusted.</summary>
    public bool HasConflicts => Issues.Any(i => i.Kind == EvaluationIssueKind.ConflictingPrediction);
}
