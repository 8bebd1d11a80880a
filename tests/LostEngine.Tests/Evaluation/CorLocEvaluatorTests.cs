using LostEngine.Datasets;
using LostEngine.Evaluation;

namespace LostEngine.Tests.Evaluation;

public class CorLocEvaluatorTests
{
    private static CorLocReport EvaluateVoc(TempFolder folder, bool noHard)
    {
        GroundTruthSet truth = VocGroundTruthReader.Read(new VocGroundTruthOptions(VocFixture.Create(folder), NoHard: noHard));
        PredictionMap predictions = PredictionMapReader.Read(folder.Write("preds.json", VocFixture.Predictions));
        return CorLocEvaluator.Evaluate(truth, predictions);
    }

    [Fact]
    public void Voc_counts_every_listed_image_and_misses_broken_and_unpredicted_ones()
    {
        using var folder = new TempFolder();
        CorLocReport report = EvaluateVoc(folder, noHard: false);
        // Found: 000001 (IoU 1) and 000002 (IoU exactly 0.5 thanks to the -1 offset); 3, 4, 5 broken, 6 "no object".
        Assert.Equal(2, report.Correct);
        Assert.Equal(6, report.Counted);
        Assert.Equal(100.0 * 2 / 6, report.CorLocPercent);
        Assert.Equal(1.0, report.Images[0].BestIoU);
        Assert.Equal(0.5, report.Images[1].BestIoU);
        Assert.Equal(PredictionStatus.NoObject, report.Images[5].Prediction.Status);
        Assert.False(report.Images[5].Correct);
        Assert.Contains(report.Issues, i => i.Item == "999999.jpg" && i.Kind == EvaluationIssueKind.UnusedPrediction);
    }

    [Fact]
    public void No_hard_removes_images_left_without_boxes_from_the_denominator()
    {
        using var folder = new TempFolder();
        CorLocReport report = EvaluateVoc(folder, noHard: true);
        Assert.Equal(1, report.Correct);
        Assert.Equal(5, report.Counted);
        Assert.Equal(1, report.Excluded);
        Assert.False(report.Images[1].Counted);
    }

    [Fact]
    public void Coco_keys_by_id_or_file_name_and_keeps_crowd_only_images_as_misses()
    {
        using var folder = new TempFolder();
        (string annotations, string images) = CocoFixture.Create(folder);
        GroundTruthSet truth = CocoGroundTruthReader.Read(new CocoGroundTruthOptions(annotations, images));
        CorLocReport report = CorLocEvaluator.Evaluate(truth, PredictionMapReader.Read(folder.Write("p.json", CocoFixture.Predictions)));
        Assert.Equal(2, report.Correct);
        Assert.Equal(5, report.Counted);
        Assert.True(report.Images[0].Correct);
        Assert.True(report.Images[4].Correct);
        ImageEvaluation crowdOnly = report.Images[1];
        Assert.True(crowdOnly.Counted);
        Assert.False(crowdOnly.Correct);
        Assert.Contains("crowd", crowdOnly.Reason);
    }

    [Fact]
    public void A_box_meets_the_threshold_with_any_ground_truth_box_not_only_the_best_first()
    {
        var image = new GroundTruthImage("a.jpg", "a.jpg", "a.jpg", null,
            [new BoundingBox(0, 0, 5, 5), new BoundingBox(50, 50, 100, 100)], GroundTruthStatus.Evaluated, null);
        var map = new PredictionMap();
        map.Set("a.jpg", new BoundingBox(50, 50, 100, 90));
        CorLocReport report = CorLocEvaluator.Evaluate(new GroundTruthSet("t", [image], []), map);
        Assert.True(report.Images[0].Correct);
        Assert.Equal(0.8, report.Images[0].BestIoU!.Value, 1e-6);
    }

    [Fact]
    public void An_image_without_any_prediction_is_a_counted_miss()
    {
        var image = new GroundTruthImage("a.jpg", "a.jpg", "a.jpg", null, [new BoundingBox(0, 0, 5, 5)], GroundTruthStatus.Evaluated, null);
        CorLocReport report = CorLocEvaluator.Evaluate(new GroundTruthSet("t", [image], []), new PredictionMap());
        Assert.Equal(1, report.Counted);
        Assert.Equal(0, report.Correct);
        Assert.Equal("miss: no prediction", report.Images[0].Reason);
    }

    [Theory]
    [InlineData(12.25, "12.2")]
    [InlineData(12.75, "12.8")]
    [InlineData(12.35, "12.3")]
    [InlineData(0.05, "0.1")]
    [InlineData(100.0 * 3102 / 5011, "61.9")]
    public void Percent_is_formatted_as_python_percent_point_1f(double value, string expected) =>
        Assert.Equal(expected, PercentFormat.OneDecimal(value));
}
