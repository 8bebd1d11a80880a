namespace LostEngine.Evaluation;

/// <summary>What a JSON Lines file of <see cref="ImageResultRecord"/>s holds.</summary>
/// <param name="Records">The complete records, in file order.</param>
/// <param name="Issues">A cut-short last line, if any.</param>
/// <param name="CompleteLength">The byte length of the file up to the end of its last complete line.</param>
/// <param name="EndsWithNewline">Whether the complete part ends with a newline (false when the last record lacks one).</param>
/// <param name="Settings">A journal's header: what its results depend on; null when the file has none.</param>
public sealed record JsonLinesContent(
    IReadOnlyList<ImageResultRecord> Records,
    IReadOnlyList<EvaluationIssue> Issues,
    long CompleteLength,
    bool EndsWithNewline,
    JournalSettings? Settings = null);
