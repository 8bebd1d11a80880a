using System.Text.Json;
using System.Text.Json.Nodes;
using LostEngine.Cli;
using LostEngine.Evaluation.ClassAware;
using LostEngine.Tests.Cli;

namespace LostEngine.Tests.Evaluation.ClassAware;

/// <summary><c>lost evaluate-clusters</c> on the reference's fixtures, and its refusals of bad input.</summary>
public sealed class EvaluateClustersCommandTests
{
    private static string[] Args(string root, string detections) =>
        ["evaluate-clusters", "--dataset", "voc", "--root", root, "--detections", detections];

    [Theory]
    [MemberData(nameof(ApEvalFixtures.Scenarios), MemberType = typeof(ApEvalFixtures))]
    public void The_report_holds_the_references_numbers(string scenario)
    {
        using var folder = new TempFolder();
        JsonElement expected = ApEvalFixtures.Expected(scenario);
        string report = folder.File("out/report.json");
        CliRun run = CliRunner.Run([.. Args(ApEvalFixtures.VocRoot(scenario), ApEvalFixtures.Results(scenario)),
            "--clusters", expected.GetProperty("num_clusters").GetRawText(), "--report", report]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var document = JsonDocument.Parse(File.ReadAllText(report));
        JsonElement root = document.RootElement;
        foreach (string key in new[] { "hungarian_ap50", "ap50", "ap75", "ap" })
        {
            Assert.Equal(expected.GetProperty(key).GetDouble(), root.GetProperty(key).GetDouble());
        }
        int[] clusterOf = ApEvalFixtures.Ints(expected.GetProperty("class_to_cluster"));
        Assert.Equal(VocClassNames.All.Select((name, c) => (name, clusterOf[c])),
            root.GetProperty("class_to_cluster").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())));
        Assert.Equal(ApEvalFixtures.Doubles(expected.GetProperty("per_class_ap")),
            root.GetProperty("per_class").EnumerateArray().Select(p => p.GetProperty("ap").GetDouble()));
        Assert.Contains($"{"mean",-14} {"",7} {expected.GetProperty("ap50").GetDouble(),8:0.000}", run.Output);
        Assert.False(File.Exists(report + ".partial"));
    }

    [Fact]
    public void Integer_image_ids_find_the_VOC07_ids_they_number()
    {
        using var folder = new TempFolder();
        var entries = JsonNode.Parse(File.ReadAllText(ApEvalFixtures.Results("voc07")))!.AsArray();
        foreach (JsonNode? entry in entries)
        {
            entry!["image_id"] = int.Parse(entry["image_id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        }
        string results = folder.Write("results.json", entries.ToJsonString());
        string report = folder.File("report.json");

        CliRun run = CliRunner.Run([.. Args(ApEvalFixtures.VocRoot("voc07"), results), "--report", report]);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        using var document = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal(ApEvalFixtures.Expected("voc07").GetProperty("ap").GetDouble(), document.RootElement.GetProperty("ap").GetDouble());
    }

    [Fact]
    public void Category_ids_counted_from_the_offset_give_the_report_of_ids_counted_from_0()
    {
        using var folder = new TempFolder();
        var entries = JsonNode.Parse(File.ReadAllText(ApEvalFixtures.Results("voc07")))!.AsArray();
        foreach (JsonNode? entry in entries)
        {
            entry!["category_id"] = entry["category_id"]!.GetValue<int>() + 1;
        }
        string shifted = folder.Write("shifted.json", entries.ToJsonString());
        string fromZero = folder.File("from-zero.json"), fromOne = folder.File("from-one.json"), unshiftedReading = folder.File("misread.json");

        CliRun zero = CliRunner.Run([.. Args(ApEvalFixtures.VocRoot("voc07"), ApEvalFixtures.Results("voc07")), "--report", fromZero]);
        CliRun one = CliRunner.Run([.. Args(ApEvalFixtures.VocRoot("voc07"), shifted), "--category-offset", "1", "--report", fromOne]);
        CliRun misread = CliRunner.Run([.. Args(ApEvalFixtures.VocRoot("voc07"), shifted), "--report", unshiftedReading]);

        Assert.True(zero.ExitCode == ExitCodes.Success, zero.Error);
        Assert.True(one.ExitCode == ExitCodes.Success, one.Error);
        Assert.True(misread.ExitCode == ExitCodes.Success, misread.Error);
        Assert.Equal(File.ReadAllText(fromZero), File.ReadAllText(fromOne));
        Assert.Equal(zero.Output.Replace(fromZero, "REPORT"), one.Output.Replace(fromOne, "REPORT"));
        // Without the offset the same file names one cluster more and matches other pairs: the offset is what aligns them.
        Assert.NotEqual(File.ReadAllText(fromZero), File.ReadAllText(unshiftedReading));
    }

    [Fact]
    public void A_category_id_below_the_offset_is_refused_naming_the_entry()
    {
        using var folder = new TempFolder();
        string results = folder.Write("results.json", """
            [{"image_id": "000003", "category_id": 1, "bbox": [1, 2, 3, 4], "score": 0.5},
             {"image_id": "000003", "category_id": 0, "bbox": [1, 2, 3, 4], "score": 0.5}]
            """);

        string line = CliRunner.Run([.. Args(ApEvalFixtures.VocRoot("voc07"), results), "--category-offset", "1", "--clusters", "20"]).AssertBadInput();

        Assert.Equal($"lost: --detections: {results}: entry 1: \"category_id\" must be from 1 to 10000 (clusters 0 to 9999 at category offset 1), not 0", line);
    }

    public static TheoryData<string, string> MalformedEntries => new()
    {
        { """{"image_id": "000003", "category_id": 0, "bbox": [1, 2, 3], "score": 0.5}""", "\"bbox\" has 3 numbers, not 4 (x, y, w, h)" },
        { """{"image_id": "000003", "category_id": 0, "bbox": [1, 2, 3, 4, 5], "score": 0.5}""", "\"bbox\" has more than 4 numbers" },
        { """{"image_id": "000003", "category_id": 0, "bbox": [1, "2", 3, 4], "score": 0.5}""", "\"bbox\" must be a number, not the string \"2\"" },
        { """{"image_id": "000003", "category_id": 0, "bbox": [1, 2, 3, 4]}""", "\"score\" is missing" },
        { """{"image_id": "000003", "bbox": [1, 2, 3, 4], "score": 0.5}""", "\"category_id\" is missing; it names the cluster" },
        { """{"image_id": "000003", "category_id": 0, "bbox": [1, 2, 3, 4], "score": "high"}""", "\"score\" must be a number, not the string \"high\"" },
        { """{"image_id": "000003", "category_id": -1, "bbox": [1, 2, 3, 4], "score": 0.5}""", "\"category_id\" must be from 0 to 9999 (clusters 0 to 9999 at category offset 0), not -1" },
        { """{"image_id": "000003", "category_id": 2.5, "bbox": [1, 2, 3, 4], "score": 0.5}""", "\"category_id\" must be an integer, not 2.5" },
        { """{"image_id": true, "category_id": 0, "bbox": [1, 2, 3, 4], "score": 0.5}""", "\"image_id\" must be an integer or a string, not a boolean" },
        { """{"image_id": "nope\u001b[31m", "category_id": 0, "bbox": [1, 2, 3, 4], "score": 0.5}""", "\"image_id\" \"nope\\x1b[31m\" is not an image of VOC_test (the reference stops on it with a KeyError)" },
        { """{"image_id": 4, "category_id": 0, "bbox": [1, 2, 3, 4], "score": 0.5}""", "\"image_id\" 4 is not an image of VOC_test" },
        { "[1, 2]", "expected an object, found an array" },
        { """{"image_id": "\ud800", "category_id": 0, "bbox": [1, 2, 3, 4], "score": 0.5}""", "holds a string that is not valid Unicode" },
    };

    [Theory]
    [MemberData(nameof(MalformedEntries))]
    public void A_malformed_entry_is_refused_naming_the_file_and_the_entry(string entry, string problem)
    {
        using var folder = new TempFolder();
        string results = folder.Write("results.json",
            """[{"image_id": "000003", "category_id": 0, "bbox": [1, 2, 3, 4], "score": 0.5, "segmentation": {"counts": [1]}}, """ + entry + "]");
        string report = folder.File("report.json");

        string line = CliRunner.Run([.. Args(ApEvalFixtures.VocRoot("voc07"), results), "--report", report]).AssertBadInput();

        Assert.StartsWith($"lost: --detections: {results}: entry 1: ", line);
        Assert.Contains(problem, line);
        Assert.False(File.Exists(report));
        Assert.False(File.Exists(report + ".partial"));
    }

    public static TheoryData<string, string> MalformedFiles => new()
    {
        { """{"image_id": "000003"}""", "detection results must be a JSON array" },
        { """[{"image_id": "000003", """, "entry 0: not valid JSON" },
        { """[] []""", "text follows the array of detections, which is not valid JSON" },
        { "[]", "its largest category_id is -1, which makes 0 clusters for 20 classes" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void A_file_that_is_not_a_results_list_is_refused_naming_it(string content, string problem)
    {
        using var folder = new TempFolder();
        string results = folder.Write("results.json", content);

        string line = CliRunner.Run(Args(ApEvalFixtures.VocRoot("voc07"), results)).AssertBadInput();

        Assert.StartsWith($"lost: --detections: {results}: {problem}", line);
    }

    [Fact]
    public void Fewer_clusters_than_classes_is_refused_until_the_cluster_count_is_given()
    {
        using var folder = new TempFolder();
        string results = folder.Write("results.json", """[{"image_id": "000003", "category_id": 4, "bbox": [1, 2, 3, 4], "score": 0.5}]""");

        string line = CliRunner.Run(Args(ApEvalFixtures.VocRoot("voc07"), results)).AssertBadInput();
        CliRun given = CliRunner.Run([.. Args(ApEvalFixtures.VocRoot("voc07"), results), "--clusters", "20"]);

        Assert.StartsWith($"lost: --detections: {results}: its largest category_id is 4, which makes 5 clusters for 20 classes", line);
        Assert.True(given.ExitCode == ExitCodes.Success, given.Error);
        Assert.Contains("AP50 0.000", given.Output);
    }

    [Theory]
    [InlineData("--clusters", "3", "lost: --clusters: is 3, but")]
    [InlineData("--clusters", "0", "lost: --clusters: must be from 1 to 10000, not 0")]
    [InlineData("--threads", "-1", "lost: --threads: must be from 0 (one per processor) to 256, not -1")]
    [InlineData("--threads", "257", "lost: --threads: must be from 0 (one per processor) to 256, not 257")]
    [InlineData("--dataset", "coco", "lost: --dataset: 'coco' is not supported")]
    [InlineData("--category-offset", "-1", "lost: --category-offset: must be 0 or more, not -1")]
    public void A_bad_option_is_refused_naming_it(string option, string value, string message)
    {
        string[] args = Args(ApEvalFixtures.VocRoot("voc07"), ApEvalFixtures.Results("voc07")).With(option, value);

        Assert.StartsWith(message, CliRunner.Run(args).AssertBadInput());
    }

    [Fact]
    public void A_missing_annotation_is_refused_naming_it()
    {
        using var folder = new TempFolder();
        string root = CopyScenario(folder, "voc07");
        string annotation = Path.Combine(root, "Annotations", "000006.xml");
        File.Delete(annotation);

        string line = CliRunner.Run(Args(root, ApEvalFixtures.Results("voc07"))).AssertBadInput();

        Assert.Equal($"lost: 000006.jpg: annotation file {annotation} does not exist; scoring detections needs every annotation of the set, as the reference does", line);
    }

    [Fact]
    public void An_unreadable_difficult_flag_is_refused_naming_the_annotation_and_object()
    {
        (string root, string line) = RefusalOfEditedCopy("000009.xml", text => text.Replace("<difficult>0</difficult>", "<difficult>no</difficult>"));

        string annotation = Path.Combine(root, "Annotations", "000009.xml");
        Assert.Matches($"^lost: {System.Text.RegularExpressions.Regex.Escape(annotation)}: object [0-9]+: <difficult> is missing or not an integer", line);
    }

    [Fact]
    public void A_class_without_an_object_that_is_not_difficult_is_refused_naming_it()
    {
        (_, string line) = RefusalOfEditedCopy("*.xml", text => text.Replace("<name>sofa</name>", "<name>settee</name>"));

        Assert.StartsWith("lost: VOC_test: class 'sofa' has no object that is not difficult", line);
    }

    /// <summary>Runs on a copy of the voc07 set whose annotations matching <paramref name="pattern"/> are edited; the refusal's line.</summary>
    private static (string Root, string Line) RefusalOfEditedCopy(string pattern, Func<string, string> edit)
    {
        using var folder = new TempFolder();
        string root = CopyScenario(folder, "voc07");
        foreach (string file in Directory.GetFiles(Path.Combine(root, "Annotations"), pattern))
        {
            File.WriteAllText(file, edit(File.ReadAllText(file)));
        }
        return (root, CliRunner.Run(Args(root, ApEvalFixtures.Results("voc07"))).AssertBadInput());
    }

    private static string CopyScenario(TempFolder folder, string scenario)
    {
        string source = ApEvalFixtures.VocRoot(scenario);
        string root = folder.File("VOC");
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return root;
    }
}
