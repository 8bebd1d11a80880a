namespace LostEngine.Evaluation;

/// <summary>One problem found in one item, reported instead of thrown so that a run never stops on it.</summary>
/// <param name="Item">The item: an image id or file name, a prediction key, or a file path with a line.</param>
/// <param name="Kind">What kind of problem it is, for counting.</param>
/// <param name="Reason">What is wrong, in plain words.</param>
public sealed record EvaluationIssue(string Item, EvaluationIssueKind Kind, string Reason);
