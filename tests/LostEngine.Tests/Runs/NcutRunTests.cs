using System.Text.Json;
using LostEngine.Kernel;
using LostEngine.Pipeline;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Runs;

/// <summary>
/// <c>lost localize</c> and <c>lost evaluate --model</c> with TokenCut and MaskCut on the tiny model: the map keeps
/// one box per image (MaskCut's first object), the lines and logs carry every object, COCO results every object as a
/// detection in round order with falling scores, resumed runs included.
/// </summary>
public sealed class NcutRunTests
{
    /// <summary>What the library finds on each image of <paramref name="data"/>: the result and MaskCut's objects.</summary>
    private static Dictionary<string, (LocalizationResult Result, MaskCutObject[] Objects)> Expected(RunFolder data, LocalizationMethod method)
    {
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel, Method = method });
        return Directory.GetFiles(data.Images).ToDictionary(path => Path.GetFileName(path), path =>
        {
            var result = localizer.LocalizeFile(path);
            return (result, method == LocalizationMethod.MaskCut ? localizer.NcutDetails!.Objects.ToArray() : []);
        });
    }

    private static int[] Box(PixelBox box) => [box.X1, box.Y1, box.X2, box.Y2];

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    [Theory]
    [InlineData(LocalizationMethod.TokenCut)]
    [InlineData(LocalizationMethod.MaskCut)]
    public void Localize_maps_one_box_per_image_and_logs_every_object(LocalizationMethod method)
    {
        using var data = new RunFolder(6);
        string predictions = data.File("preds.json"), log = data.File("log.jsonl");

        var run = CliRunner.Run("localize", data.Images, "--model", Fixtures.TinyModel, "--method", method.Name(),
            "--output", predictions, "--log", log, "--quiet");

        Assert.True(run.ExitCode == 0, run.Error);
        var expected = Expected(data, method);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines, File.ReadAllLines(log));
        Assert.Equal(6, lines.Length);
        using var map = JsonDocument.Parse(File.ReadAllText(predictions));
        var journal = RunOutputFiles.Records(predictions).ToDictionary(e => e.GetProperty("image").GetString()!);
        foreach (string text in lines)
        {
            var line = JsonDocument.Parse(text).RootElement;
            string key = Path.GetFileName(line.GetProperty("image").GetString()!);
            var (result, objects) = expected[key];
            Assert.Equal(result.HasObject, line.GetProperty("object").GetBoolean());
            Assert.Equal(result.HasObject, map.RootElement.TryGetProperty(key, out var mapped));
            if (result.HasObject)
            {
                Assert.Equal(Box(result.Box), Ints(line.GetProperty("box")));
                Assert.Equal(Box(result.Box), Ints(mapped));
                Assert.Equal(Box(result.Box), Ints(journal[key].GetProperty("box")));
            }
            if (method == LocalizationMethod.TokenCut)
            {
                var seed = line.GetProperty("seed");
                Assert.Equal(result.HasObject ? result.TokenCut.Seed : (int?)null, seed.ValueKind == JsonValueKind.Null ? null : seed.GetInt32());
                // The solver does not run on fewer than 3 patches (small_17x16 has 2), so there is no spectrum to report.
                bool solved = result.TokenCut.Reason != NoObjectReason.TooFewPatches;
                Assert.Equal(solved, line.TryGetProperty("ncut_value", out var ncutValue));
                Assert.Equal(solved, line.TryGetProperty("eigengap", out var eigengap));
                if (solved)
                {
                    Assert.Equal(result.TokenCut.NcutValue, ncutValue.GetDouble());
                    Assert.Equal(result.TokenCut.Eigengap, eigengap.GetDouble());
                }
                Assert.False(line.TryGetProperty("objects", out _));
                Assert.False(journal[key].TryGetProperty("objects", out _));
                continue;
            }
            Assert.Equal(JsonValueKind.Null, line.GetProperty("seed").ValueKind);
            var logged = line.GetProperty("objects").EnumerateArray().ToArray();
            Assert.Equal(objects.Length, logged.Length);
            Assert.Equal(objects.Select(o => Box(o.Box)), journal[key].GetProperty("objects").EnumerateArray().Select(Ints));
            for (int i = 0; i < objects.Length; i++)
            {
                Assert.Equal(objects[i].Round, logged[i].GetProperty("round").GetInt32());
                Assert.Equal(Box(objects[i].Box), Ints(logged[i].GetProperty("box")));
                Assert.Equal(objects[i].CellCount, logged[i].GetProperty("cell_count").GetInt32());
            }
        }
        // The tiny model's MaskCut finds a second object on some of these images, so the objects are not just the box.
        Assert.True(method == LocalizationMethod.TokenCut || expected.Values.Any(e => e.Objects.Length > 1));
    }

    [Theory]
    [InlineData(LocalizationMethod.TokenCut)]
    [InlineData(LocalizationMethod.MaskCut)]
    public void Evaluate_writes_every_object_as_a_detection_also_after_a_resume(LocalizationMethod method)
    {
        using var data = new RunFolder(6);
        string root = EvaluateWithModelTests.MakeVoc(data, out var ids);
        string predictions = data.File("preds.json");
        string[] Evaluate(string coco, params string[] extra) =>
            ["evaluate", "--dataset", "voc", "--root", root, "--model", Fixtures.TinyModel, "--method", method.Name(),
             "--output", predictions, "--coco-results", coco, "--quiet", .. extra];

        var first = CliRunner.Run(Evaluate(data.File("coco.json")));
        var resumed = CliRunner.Run(Evaluate(data.File("coco-resumed.json"), "--resume"));

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("0 localized, 0 failed, 6 already done", resumed.Error);
        Assert.Equal(first.Output.Split('\n')[0], resumed.Output.Split('\n')[0]);
        AssertDetections(root, method, data.File("coco.json"), data.File("coco-resumed.json"));
    }

    [Theory]
    [InlineData(LocalizationMethod.TokenCut)]
    [InlineData(LocalizationMethod.MaskCut)]
    public void Merging_the_shards_journals_writes_every_object_as_a_detection(LocalizationMethod method)
    {
        using var data = new RunFolder(6);
        string root = EvaluateWithModelTests.MakeVoc(data, out _);
        var parts = new List<string>();
        for (int shard = 0; shard < 2; shard++)
        {
            string part = data.File($"part{shard}");
            var run = CliRunner.Run(["evaluate", "--dataset", "voc", "--root", root, "--model", Fixtures.TinyModel, "--method", method.Name(),
                "--shard", $"{shard}/2", "--output", part + ".json", "--quiet"]);
            Assert.True(run.ExitCode == 0, run.Error);
            parts.Add(part + ".json.journal.jsonl");
        }
        string coco = data.File("merged-coco.json");
        var merged = CliRunner.Run(["merge", .. parts, "--output", data.File("merged.json"), "--dataset", "voc", "--root", root,
            "--coco-results", coco]);
        Assert.True(merged.ExitCode == 0, merged.Error + merged.Output);
        AssertDetections(root, method, coco);
    }

    /// <summary>The COCO files hold, image by image in name order, every object the library finds, scored 1, 1/2, …</summary>
    private static void AssertDetections(string root, LocalizationMethod method, params string[] cocoFiles)
    {
        var expected = Directory.GetFiles(Path.Combine(root, "JPEGImages")).Order(StringComparer.Ordinal).ToArray();
        var found = new List<(long Id, int[] Box, double Score)>();
        using (var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel, Method = method }))
        {
            foreach (string path in expected)
            {
                var result = localizer.LocalizeFile(path);
                long id = long.Parse(Path.GetFileNameWithoutExtension(path), System.Globalization.CultureInfo.InvariantCulture);
                var boxes = method == LocalizationMethod.MaskCut
                    ? localizer.NcutDetails!.Objects.ToArray().Select(o => Box(o.Box)).ToArray()
                    : result.HasObject ? [Box(result.Box)] : [];
                found.AddRange(boxes.Select((box, i) => (id, box, 1.0 / (i + 1))));
            }
        }
        foreach (string coco in cocoFiles)
        {
            using var written = JsonDocument.Parse(File.ReadAllText(coco));
            var detections = written.RootElement.EnumerateArray().Select(d =>
            {
                var xywh = Ints(d.GetProperty("bbox"));
                return (d.GetProperty("image_id").GetInt64(), new[] { xywh[0], xywh[1], xywh[0] + xywh[2], xywh[1] + xywh[3] }, d.GetProperty("score").GetDouble());
            }).ToList();
            Assert.Equal(found.Count, detections.Count);
            for (int i = 0; i < found.Count; i++)
            {
                Assert.Equal(found[i].Id, detections[i].Item1);
                Assert.Equal(found[i].Box, detections[i].Item2);
                Assert.Equal(found[i].Score, detections[i].Item3);
            }
        }
        Assert.Equal(method == LocalizationMethod.MaskCut, found.Any(d => d.Score < 1));
    }


    [Theory]
    [InlineData(LocalizationMethod.TokenCut, "pred,attn")]
    [InlineData(LocalizationMethod.MaskCut, "pred")]
    public void Visualize_draws_the_methods_figures_of_every_image(LocalizationMethod method, string kinds)
    {
        using var data = new RunFolder(0);
        string vis = data.File("vis");
        var images = new[] { "object_96x80", "odd_37x53", "small_17x16" };

        var run = CliRunner.Run(["localize", .. images.Select(n => Fixtures.Tiny(n + ".png")), "--model", Fixtures.TinyModel, "--method", method.Name(),
            "--visualize", kinds, "--vis-dir", vis, "--quiet"]);

        Assert.True(run.ExitCode == 0, run.Error);
        // small_17x16 has 2 patches: no cut, so no heat map, and a plain picture marked _no_object.
        string[] expected = method == LocalizationMethod.TokenCut
            ? ["TokenCut_attn_object_96x80.png", "TokenCut_attn_odd_37x53.png", "TokenCut_object_96x80.png", "TokenCut_odd_37x53.png", "TokenCut_small_17x16_no_object.png"]
            : ["MaskCut_object_96x80.png", "MaskCut_odd_37x53.png", "MaskCut_small_17x16_no_object.png"];
        Assert.Equal(expected, Directory.GetFiles(vis).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string prefix = method == LocalizationMethod.TokenCut ? "TokenCut" : "MaskCut";
        using (var pred = new Visualization.PngPixels(Path.Combine(vis, $"{prefix}_odd_37x53.png")))
        {
            Assert.Equal((37, 53), (pred.Width, pred.Height));
        }
        if (method == LocalizationMethod.TokenCut)
        {
            // The heat map is the padded grid's size, 3 × 4 cells of 16 px.
            using var attn = new Visualization.PngPixels(Path.Combine(vis, "TokenCut_attn_odd_37x53.png"));
            Assert.Equal((48, 64), (attn.Width, attn.Height));
        }
    }
}
