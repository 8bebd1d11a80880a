namespace LostEngine.Evaluation;

/// <summary>
/// Joins the outputs of the parts (shards) of a run. A part is a JSON Lines log or journal when its name
/// ends in <c>.jsonl</c> or <c>.ndjson</c>, and a prediction map otherwise. A journal's failed images are left
/// out, as its map leaves them out.
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
        var objects = new Dictionary<string, IReadOnlyList<BoundingBox>>(StringComparer.Ordinal);
        foreach (string part in partPaths)
        {
            foreach (ImageResultRecord record in ReadPart(part, issues))
            {
                string key = record.Image;
                BoundingBox? box = record.Box;
                if (map.TryAdd(key, box))
                {
                    origin[key] = part;
                    if (record.Objects is { } found)
                    {
                        objects[key] = found;
                    }
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
        return new MergeResult(map, issues, objects);
    }

    /// <summary>Whether a part is read as JSON Lines rather than as a prediction map.</summary>
    public static bool IsJsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<ImageResultRecord> ReadPart(string path, List<EvaluationIssue> issues)
    {
        if (!IsJsonLines(path))
        {
            return PredictionMapReader.Read(path).Entries.Select(e => new ImageResultRecord(e.Key, e.Value));
        }
        JsonLinesContent content = JsonLinesReader.Read(path);
        issues.AddRange(content.Issues);
        // A failure is no prediction (a map leaves the image out), and a journal's retry that succeeded follows it.
        return content.Records.Where(record => !record.IsFailure);
    }

    private static string Show(BoundingBox? box) => box?.ToString() ?? "no object";
}
