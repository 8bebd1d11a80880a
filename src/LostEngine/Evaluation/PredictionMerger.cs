namespace LostEngine.Evaluation;

/// <summary>
/// Joins the outputs of the parts (shards) of a run. A part is a JSON Lines log or journal when its name
/// ends in <c>.jsonl</c> or <c>.ndjson</c>, and a prediction map otherwise.
/// </summary>
public static class PredictionMerger
{
    /// <summary>Reads every part and joins them; an image found twice is reported, never counted twice.</summary>
    /// <exception cref="LostInputException">A part cannot be read or is malformed (beyond a cut-short last line).</exception>
    public static MergeResult Merge(IEnumerable<string> partPaths)
    {
        ArgumentNullException.ThrowIfNull(partPaths);
        var map = new PredictionMap();
        var origin = new Dictionary<string, string>(StringComparer.Ordinal);
        var issues = new List<EvaluationIssue>();
        foreach (string part in partPaths)
        {
            foreach ((string key, BoundingBox? box) in ReadPart(part, issues))
            {
                if (map.TryAdd(key, box))
                {
                    origin[key] = part;
                }
                else if (map.Entries[key] == box)
                {
                    issues.Add(new EvaluationIssue(key, EvaluationIssueKind.DuplicatePrediction,
                        $"in {origin[key]} and {part} with the same prediction; kept once"));
                }
                else
                {
                    issues.Add(new EvaluationIssue(key, EvaluationIssueKind.ConflictingPrediction,
                        $"{origin[key]} has {Show(map.Entries[key])}, {part} has {Show(box)}; the first is kept"));
                }
            }
        }
        return new MergeResult(map, issues);
    }

    /// <summary>Whether a part is read as JSON Lines rather than as a prediction map.</summary>
    public static bool IsJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<KeyValuePair<string, BoundingBox?>> ReadPart(string path, List<EvaluationIssue> issues)
    {
        if (!IsJsonLines(path))
        {
            return PredictionMapReader.Read(path).Entries;
        }
        JsonLinesContent content = JsonLinesReader.Read(path);
        issues.AddRange(content.Issues);
        return content.Records.Select(r => new KeyValuePair<string, BoundingBox?>(r.Image, r.Box));
    }

    private static string Show(BoundingBox? box) => box?.ToString() ?? "no object";
}
