using System.Globalization;
using System.Text.Json;
using LostEngine.Datasets;
using LostEngine.Evaluation;
using LostEngine.Evaluation.Detections;
using LostEngine.Tests.Cli;

namespace LostEngine.Tests.Detectors;

/// <summary>
/// <c>lost evaluate --detections</c> against main_corloc_evaluation.py --type_pred detectron run on the same generated
/// datasets and detections (ids as numbers and text, integer and float boxes, score ties, IoUs of exactly 0.5).
/// </summary>
public class DetectionCorLocReferenceTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Voc_corloc_is_the_reference_scripts(bool noHard)
    {
        using var folder = new TempFolder();
        string root = DetectorFixtures.WriteVoc(folder, "corloc_voc");
        JsonElement run = ExpectedRun("corloc_voc", noHard);
        string[] args = ["evaluate", "--dataset", "voc", "--root", root, "--detections", DetectorFixtures.File("corloc_voc/detections.json")];
        CliRun result = CliRunner.Run(noHard ? [.. args, "--no-hard"] : args);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains(CorLocLine(run), result.Output);
        Assert.Contains("UnusedPrediction 1", result.Output);

        var truth = VocGroundTruthReader.Read(new VocGroundTruthOptions(root, "trainval", noHard));
        AssertSameBoxesAndIoUs(truth, DetectionImageIds.VocFileNames, "corloc_voc", run);
    }

    [Fact]
    public void Coco_corloc_is_the_reference_scripts()
    {
        using var folder = new TempFolder();
        (string annotations, string images) = DetectorFixtures.WriteCoco(folder, "corloc_coco");
        JsonElement run = ExpectedRun("corloc_coco", noHard: false);
        CliRun result = CliRunner.Run("evaluate", "--dataset", "coco", "--annotations", annotations, "--images", images,
            "--detections", DetectorFixtures.File("corloc_coco/detections.json"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains(CorLocLine(run), result.Output);

        var truth = CocoGroundTruthReader.Read(new CocoGroundTruthOptions(annotations, images));
        AssertSameBoxesAndIoUs(truth, DetectionImageIds.CocoIds, "corloc_coco", run);
    }

    private static JsonElement ExpectedRun(string caseName, bool noHard)
    {
        using JsonDocument expected = DetectorFixtures.Json($"{caseName}/expected.json");
        return expected.RootElement.GetProperty("runs").EnumerateArray()
            .Single(r => r.GetProperty("no_hard").GetBoolean() == noHard).Clone();
    }

    // "corloc: 50.00 (19/38)": the counts are what both print.
    private static string CorLocLine(JsonElement run)
    {
        string line = run.GetProperty("corloc_line").GetString()!;
        return line[line.IndexOf('(')..];
    }

    /// <summary>Each scored image's chosen box and its IoUs, in float32, are the ones the reference's bbox_iou saw and returned.</summary>
    private static void AssertSameBoxesAndIoUs(GroundTruthSet truth, DetectionImageIds ids, string caseName, JsonElement run)
    {
        var detections = new DetectionPredictions(Detection.FromResults(DetectionResultsReader.Read(DetectorFixtures.File($"{caseName}/detections.json"))), ids);
        CorLocReport report = CorLocEvaluator.Evaluate(truth, detections);
        var scored = report.Images.Where(i => i.Counted && i.Prediction.Status == PredictionStatus.Box).ToList();
        var calls = run.GetProperty("bbox_iou_calls").EnumerateArray().ToList();
        Assert.Equal(calls.Count, scored.Count);
        int exactHalves = 0;
        for (int i = 0; i < calls.Count; i++)
        {
            ImagePrediction prediction = scored[i].Prediction;
            double[] pred = calls[i].GetProperty("pred").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(pred, prediction.Box.ToArray());
            Assert.Equal(calls[i].GetProperty("pred_dtype").GetString() == "torch.int64", prediction.Convention == IoUConvention.DetectorIntegerBox);
            float[] expected = calls[i].GetProperty("ious").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
            float[] actual = scored[i].Image.Boxes.Select(b => DetectionIoU.Compute(prediction.Box, b, prediction.Convention == IoUConvention.DetectorIntegerBox)).ToArray();
            Assert.True(expected.SequenceEqual(actual),
                $"{scored[i].Image.Key}: reference {string.Join(", ", expected.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}, "
                + $"engine {string.Join(", ", actual.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}");
            exactHalves += expected.Count(v => v == 0.5f);
        }
        Assert.True(exactHalves > 0, "the fixture must hold IoUs of exactly 0.5, where the precision decides");
    }
}
