using LostEngine.Datasets;
using LostEngine.Evaluation;

namespace LostEngine.Tests.Evaluation;

public class PredictionMergerTests
{
    private static BoundingBox? Predict(string name) =>
        name.GetHashCode(StringComparison.Ordinal) % 5 == 0 ? null : new BoundingBox(name.Length, 1, name.Length + 10.5, 20);

    [Fact]
    public void Merging_the_parts_of_a_sharded_run_gives_the_single_run_map()
    {
        using var folder = new TempFolder();
        string[] names = Enumerable.Range(0, 103).Select(i => $"{i * 7919 % 1000:D6}.jpg").ToArray();
        var single = new PredictionMap();
        foreach (string name in names)
        {
            single.TryAdd(name, Predict(name));
        }

        var parts = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            IReadOnlyList<string> shard = new ShardSpec(i, 3).Select(names);
            if (i == 1)
            {
                string path = folder.File($"part{i}.jsonl");
                using var log = new JsonLinesWriter(path);
                foreach (string name in shard)
                {
                    log.Append(new ImageResultRecord(name, Predict(name)));
                }
                parts.Add(path);
            }
            else
            {
                var part = new PredictionMap();
                foreach (string name in shard)
                {
                    part.Set(name, Predict(name));
                }
                string path = folder.File($"part{i}.json");
                PredictionMapWriter.Write(path, part);
                parts.Add(path);
            }
        }

        MergeResult merged = PredictionMerger.Merge(parts);
        Assert.Empty(merged.Issues);
        Assert.Equal(single.Entries.OrderBy(e => e.Key, StringComparer.Ordinal), merged.Map.Entries.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void A_journal_with_a_header_and_retried_failures_merges_to_its_results()
    {
        using var folder = new TempFolder();
        string journal = folder.Write("part.journal.jsonl",
            "{\"lost_journal\":1,\"settings\":{\"--method\":\"lost\"}}\n"
            + "{\"image\":\"a.jpg\",\"box\":null,\"note\":\"failed: not an image\"}\n"
            + "{\"image\":\"b.jpg\",\"box\":null,\"note\":\"failed: not an image\"}\n"
            + "{\"image\":\"a.jpg\",\"box\":[1,2,3,4]}\n"
            + "{\"image\":\"c.jpg\",\"box\":null,\"note\":\"no seed\"}\n");

        MergeResult merged = PredictionMerger.Merge([journal]);

        Assert.Empty(merged.Issues);
        Assert.Equal(["a.jpg", "c.jpg"], merged.Map.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new BoundingBox(1, 2, 3, 4), merged.Map.Entries["a.jpg"]);
        Assert.Null(merged.Map.Entries["c.jpg"]);
    }

    [Fact]
    public void MaskCut_objects_are_kept_from_journals_and_logs_alike()
    {
        using var folder = new TempFolder();
        // A journal keeps the boxes alone; a localize log keeps each object with its round and size.
        string journal = folder.Write("a.jsonl", "{\"image\":\"x.jpg\",\"box\":[1,2,3,4],\"objects\":[[1,2,3,4],[5,6,7,8]]}\n");
        string log = folder.Write("b.jsonl",
            "{\"image\":\"y.jpg\",\"box\":[0,0,2,2],\"objects\":[{\"round\":0,\"box\":[0,0,2,2],\"cell_count\":1},{\"round\":2,\"box\":[4,4,6,6],\"cell_count\":1}]}\n"
            + "{\"image\":\"z.jpg\",\"box\":[0,0,2,2]}\n");
        MergeResult merged = PredictionMerger.Merge([journal, log]);
        Assert.Empty(merged.Issues);
        Assert.Equal([new BoundingBox(1, 2, 3, 4), new BoundingBox(5, 6, 7, 8)], merged.Objects["x.jpg"]);
        Assert.Equal([new BoundingBox(0, 0, 2, 2), new BoundingBox(4, 4, 6, 6)], merged.Objects["y.jpg"]);
        Assert.False(merged.Objects.ContainsKey("z.jpg"));
    }

    [Fact]
    public void Duplicates_are_kept_once_and_conflicts_are_reported()
    {
        using var folder = new TempFolder();
        string first = folder.Write("a.json", """{"x.jpg": [1, 2, 3, 4], "y.jpg": [1, 1, 2, 2]}""");
        string second = folder.Write("b.jsonl", "{\"image\":\"x.jpg\",\"box\":[1,2,3,4]}\n{\"image\":\"y.jpg\",\"box\":null}\n{\"image\":\"z.jpg\",\"bo");
        MergeResult merged = PredictionMerger.Merge([first, second]);
        Assert.Equal(2, merged.Map.Count);
        Assert.True(merged.HasConflicts);
        Assert.Contains(merged.Issues, i => i.Item == "x.jpg" && i.Kind == EvaluationIssueKind.DuplicatePrediction);
        Assert.Contains(merged.Issues, i => i.Item == "y.jpg" && i.Kind == EvaluationIssueKind.ConflictingPrediction);
        Assert.Contains(merged.Issues, i => i.Kind == EvaluationIssueKind.TruncatedLine);
        Assert.Equal(new BoundingBox(1, 1, 2, 2), merged.Map.Entries["y.jpg"]);
    }
}
