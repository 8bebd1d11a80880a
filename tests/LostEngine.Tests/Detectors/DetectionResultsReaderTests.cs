using LostEngine.Evaluation;
using LostEngine.Evaluation.Detections;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Evaluation;

namespace LostEngine.Tests.Detectors;

public class DetectionResultsReaderTests
{
    [Theory]
    [InlineData("""{"image_id": 1}""", "detection results must be a JSON array", "objects")]
    [InlineData("""[{"image_id": 1, "bbox": [0, 0, 1, 1], "score": 0.5}, 7]""", "entry 1", "expected an object")]
    [InlineData("""[{"bbox": [0, 0, 1, 1], "score": 0.5}]""", "entry 0", "\"image_id\" is missing")]
    [InlineData("""[{"image_id": 1, "score": 0.5}]""", "entry 0", "\"bbox\" is missing")]
    [InlineData("""[{"image_id": 1, "bbox": [0, 0, 1, 1]}]""", "entry 0", "\"score\" is missing")]
    [InlineData("""[{"image_id": 1, "bbox": [0, 0, -1, 1], "score": 0.5}]""", "entry 0", "\"bbox\" has a negative width")]
    [InlineData("""[{"image_id": 1, "bbox": [0, 0, 1], "score": 0.5}]""", "entry 0", "\"bbox\" has 3 numbers")]
    [InlineData("""[{"image_id": 1, "bbox": [0, 0, 1, 1, 1], "score": 0.5}]""", "entry 0", "\"bbox\" has more than 4")]
    [InlineData("""[{"image_id": 1, "bbox": [0, "0", 1, 1], "score": 0.5}]""", "entry 0", "\"bbox\" must be a number")]
    [InlineData("""[{"image_id": 1, "bbox": [0, 0, 1, 1], "score": "high"}]""", "entry 0", "\"score\" must be a number")]
    [InlineData("""[{"image_id": 1, "bbox": [0, 0, 1, 1], "score": 1e999}]""", "entry 0", "\"score\" 1e999 is not a finite")]
    [InlineData("""[{"image_id": 1, "bbox": [0, 0, 1, 1], "score": 0.5}, {"image_id": 1, "bbox": [0, 0, 1, 1], "score": NaN}]""", "entry 1", "Python's json writes NaN and Infinity")]
    [InlineData("""[{"image_id": 1, "bbox": [0, 0, 1, 1], "score": 0.5} {"image_id": 1}]""", "entry 1", "not valid JSON")]
    [InlineData("""[{"image_id": 1.5, "bbox": [0, 0, 1, 1], "score": 0.5}]""", "entry 0", "\"image_id\" must be an integer")]
    [InlineData("""[{"image_id": "x1", "bbox": [0, 0, 1, 1], "score": 0.5}]""", "entry 0", "\"image_id\" \"x1\" is not an integer")]
    [InlineData("""[{"image_id": null, "bbox": [0, 0, 1, 1], "score": 0.5}]""", "entry 0", "\"image_id\" must be an integer")]
    [InlineData("""[{"image_id": 1, "bbox": [0, 0, 1, 1], "score": 0.5, "category_id": "a"}]""", "entry 0", "\"category_id\" must be an integer")]
    [InlineData("""[{"image_id": "\ud800", "bbox": [0, 0, 1, 1], "score": 0.5}]""", "entry 0", "not valid Unicode")]
    [InlineData("""[{"image_id": "x\u001b[31m", "bbox": [0, 0, 1, 1], "score": 0.5}]""", "entry 0", "\"image_id\" \"x\\x1b[31m\" is not an integer")]
    [InlineData("""[{"image_id": 1, "bbox": [0, 0, 1, 1], "score": 0.5}] []""", "text follows the array of detections", "not valid JSON")]
    public void A_malformed_file_is_refused_naming_the_option_the_entry_and_the_field(string content, string entry, string problem)
    {
        using var folder = new TempFolder();
        string root = VocFixture.Create(folder);
        string detections = folder.Write("detections.json", content);
        string line = CliRunner.Run("evaluate", "--dataset", "voc", "--root", root, "--detections", detections).AssertBadInput();
        Assert.StartsWith($"lost: --detections: {detections}: {entry}", line);
        Assert.Contains(problem, line);
    }

    [Fact]
    public void A_file_that_is_missing_or_not_a_regular_file_is_refused_without_reading_it()
    {
        using var folder = new TempFolder();
        string root = VocFixture.Create(folder);
        string missing = folder.File("none.json");
        Assert.Equal($"lost: --detections: {missing}: does not exist",
            CliRunner.Run("evaluate", "--dataset", "voc", "--root", root, "--detections", missing).AssertBadInput());
        Assert.Equal($"lost: --detections: {folder.Path}: is not a regular file but a directory; detection results must be a file",
            CliRunner.Run("evaluate", "--dataset", "voc", "--root", root, "--detections", folder.Path).AssertBadInput());
    }

    [Fact]
    public void Limits_are_checked_before_the_entries_are_kept()
    {
        using var folder = new TempFolder();
        string detections = folder.Write("detections.json", """
            [{"image_id": 1, "bbox": [0, 0, 1, 1], "score": 0.5}, {"image_id": 2, "bbox": [0, 0, 1, 1], "score": 0.5},
             {"image_id": 3, "bbox": [0, 0, 1, 1], "score": 0.5}]
            """);
        var tooMany = Assert.Throws<LostInputException>(() => DetectionResultsReader.Read(detections, new DetectionReadLimits(MaxEntries: 2)));
        Assert.Contains("more than the 2 detections allowed", tooMany.Message);
        var tooLarge = Assert.Throws<LostInputException>(() => DetectionResultsReader.Read(detections, new DetectionReadLimits(MaxFileBytes: 64)));
        Assert.Contains("more than the 64 allowed", tooLarge.Message);
        Assert.Equal(3, DetectionResultsReader.Read(detections).Count);
    }

    [Fact]
    public void Boxes_become_corners_as_the_reference_adds_them_and_keep_their_json_type()
    {
        using var folder = new TempFolder();
        string detections = folder.Write("detections.json", """
            [{"image_id": "000005", "bbox": [10, 20, 30, 40], "score": 0.5, "segmentation": {"counts": "x", "size": [2, 2]}},
             {"image_id": 5.0, "bbox": [10.5, 20, 30.25, 40.0], "score": 0.25, "category_id": 1},
             {"image_id": " 2008_000008 ", "bbox": [1e1, 0, 0, 0], "score": 0}]
            """);
        var read = Detection.FromResults(DetectionResultsReader.Read(detections));
        Assert.Equal(new Detection(5, new BoundingBox(10, 20, 40, 60), 0.5, IntegerBox: true), read[0]);
        Assert.Equal(new Detection(5, new BoundingBox(10.5, 20, 40.75, 60), 0.25, IntegerBox: false), read[1]);
        Assert.Equal(new Detection(2008000008, new BoundingBox(10, 0, 10, 0), 0, IntegerBox: false), read[2]);
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_allows_is_refused_as_bad_JSON()
    {
        using var folder = new TempFolder();
        string deep = new string('[', 100) + new string(']', 100);
        string path = folder.Write("r.json", $$"""[{"image_id": "a", "category_id": 0, "score": 1, "bbox": [1, 2, 3, 4], "extra": {{deep}}}]""");

        var error = Assert.Throws<LostInputException>(() => DetectionResultsReader.Read(path));

        Assert.StartsWith($"{path}: entry 0: not valid JSON", error.Message);
    }

    [Fact]
    public void The_most_confident_box_is_scored_and_images_without_detections_are_misses()
    {
        using var folder = new TempFolder();
        string root = VocFixture.Create(folder);
        // 000001: its truth [10, 20, 50, 60] is the more confident box; 000002: a confident miss; 000006 and the
        // others have no detection; id 424242 names no image and is ignored.
        string detections = folder.Write("detections.json", """
            [{"image_id": 1, "bbox": [0, 0, 5, 5], "score": 0.2}, {"image_id": "000001", "bbox": [10, 20, 40, 40], "score": 0.9},
             {"image_id": 2, "bbox": [0, 0, 20, 40], "score": 0.1}, {"image_id": 2, "bbox": [60, 60, 10, 10], "score": 0.8},
             {"image_id": 424242, "bbox": [0, 0, 1, 1], "score": 1.0}]
            """);
        string report = folder.File("report.json");
        CliRun run = CliRunner.Run("evaluate", "--dataset", "voc", "--root", root, "--detections", detections, "--report", report);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("CorLoc 16.7% (1/6)", run.Output);
        Assert.Contains("UnusedPrediction 1", run.Output);
        Assert.Contains("miss: no prediction", File.ReadAllText(report));
    }

    [Fact]
    public void Voc_names_that_give_no_integer_id_are_misses_with_an_issue()
    {
        using var folder = new TempFolder();
        VocFixture.WriteAnnotation(folder, "VOC2007", "cat_a", 50, 50, VocFixture.Object(1, 1, 50, 50));
        folder.Write("VOC2007/ImageSets/Main/trainval.txt", "cat_a\n");
        string detections = folder.Write("detections.json", """[{"image_id": 1, "bbox": [0, 0, 50, 50], "score": 0.5}]""");
        CliRun run = CliRunner.Run("evaluate", "--dataset", "voc", "--root", folder.File("VOC2007"), "--detections", detections);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("CorLoc 0.0% (0/1)", run.Output);
        Assert.Contains("NoNumericImageId 1", run.Output);
    }

    [Theory]
    [InlineData("--predictions")]
    [InlineData("--model")]
    public void Detections_exclude_the_other_sources(string other)
    {
        using var folder = new TempFolder();
        string root = VocFixture.Create(folder);
        string detections = folder.Write("detections.json", "[]");
        string line = CliRunner.Run("evaluate", "--dataset", "voc", "--root", root, "--detections", detections, other, detections).AssertBadInput();
        Assert.Equal("lost: --detections: give only one of --predictions, --detections and --model.", line);
    }
}
