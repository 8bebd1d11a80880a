using System.CommandLine;
using System.Text.Json;
using LostEngine.Cli;

namespace LostEngine.Tests.Evaluation;

public class EvaluateCommandTests
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Evaluate_voc_prints_the_corloc_and_writes_a_per_image_report()
    {
        using var folder = new TempFolder();
        string root = VocFixture.Create(folder);
        string predictions = folder.Write("preds.json", VocFixture.Predictions);
        string report = folder.File("report.json");
        (int code, string output, string error) = Run("evaluate", "--dataset", "voc", "--root", root, "--predictions", predictions, "--report", report);
        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("CorLoc 33.3% (2/6)", output);
        Assert.Contains("UnusedPrediction 1", output);

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal(6, document.RootElement.GetProperty("totals").GetProperty("counted").GetInt32());
        JsonElement second = document.RootElement.GetProperty("images")[1];
        Assert.Equal("000002.jpg", second.GetProperty("image").GetString());
        Assert.Equal(0.5, second.GetProperty("best_iou").GetDouble());
        Assert.True(second.GetProperty("correct").GetBoolean());
    }

    [Fact]
    public void Evaluate_voc_with_no_hard_changes_the_denominator()
    {
        using var folder = new TempFolder();
        string root = VocFixture.Create(folder);
        string predictions = folder.Write("preds.json", VocFixture.Predictions);
        (int code, string output, _) = Run("evaluate", "--dataset", "voc", "--root", root, "--no-hard", "--predictions", predictions);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("CorLoc 20.0% (1/5)", output);
        Assert.Contains("Excluded 1 images", output);
    }

    [Fact]
    public void Evaluate_coco_writes_pycocotools_results_for_predicted_boxes()
    {
        using var folder = new TempFolder();
        (string annotations, string images) = CocoFixture.Create(folder);
        string predictions = folder.Write("preds.json", CocoFixture.Predictions);
        string results = folder.File("results.json");
        (int code, string output, string error) = Run("evaluate", "--dataset", "coco", "--annotations", annotations, "--images", images,
            "--predictions", predictions, "--coco-results", results);
        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("CorLoc 40.0% (2/5)", output);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(results));
        Assert.Equal([1L, 2L, 6L], document.RootElement.EnumerateArray().Select(d => d.GetProperty("image_id").GetInt64()));
    }

    [Fact]
    public void A_malformed_prediction_file_exits_with_bad_input_naming_file_and_key()
    {
        using var folder = new TempFolder();
        string root = VocFixture.Create(folder);
        string predictions = folder.Write("preds.json", """{"000001.jpg": "here"}""");
        (int code, _, string error) = Run("evaluate", "--dataset", "voc", "--root", root, "--predictions", predictions);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(predictions, error);
        Assert.Contains("000001.jpg", error);
    }

    [Theory]
    [InlineData("--dataset", "voc")]
    [InlineData("--dataset", "pascal", "--root", ".")]
    [InlineData("--dataset", "coco", "--root", ".")]
    public void Missing_or_contradictory_dataset_options_exit_with_bad_input(params string[] options)
    {
        using var folder = new TempFolder();
        string predictions = folder.Write("preds.json", "{}");
        (int code, _, string error) = Run(["evaluate", .. options, "--predictions", predictions]);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("lost: --", error);
    }

    [Fact]
    public void Merge_joins_parts_writes_the_map_and_evaluates_it()
    {
        using var folder = new TempFolder();
        string root = VocFixture.Create(folder);
        string first = folder.Write("p0.json", """{"000001.jpg": [10, 20, 50, 60]}""");
        string second = folder.Write("p1.jsonl", "{\"image\":\"000002.jpg\",\"box\":[0,0,20,40]}\n");
        string merged = folder.File("merged.json");
        (int code, string output, string error) = Run("merge", first, second, "--output", merged, "--dataset", "voc", "--root", root);
        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("Merged 2 images", output);
        Assert.Contains("CorLoc 33.3% (2/6)", output);
        Assert.Equal(2, LostEngine.Evaluation.PredictionMapReader.Read(merged).Count);
    }

    [Fact]
    public void Merge_refuses_parts_that_disagree()
    {
        using var folder = new TempFolder();
        string first = folder.Write("p0.json", """{"a.jpg": [1, 2, 3, 4]}""");
        string second = folder.Write("p1.json", """{"a.jpg": [1, 2, 3, 5]}""");
        string merged = folder.File("merged.json");
        (int code, string output, _) = Run("merge", first, second, "--output", merged);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("ConflictingPrediction a.jpg", output);
        Assert.False(File.Exists(merged));
    }
}
