using LostEngine.Datasets;
using LostEngine.Evaluation.Detections;

namespace LostEngine.Evaluation;

/// <summary>
/// CorLoc as the reference's <c>main_lost.py</c> counts it: an image is found when its predicted box
/// has IoU &gt;= 0.5 with any ground-truth box; an image with no prediction or "no object" is a miss
/// and stays in the denominator; only excluded images leave it.
/// </summary>
public static class CorLocEvaluator
{
    /// <summary>Scores every image of the set against the source's predictions.</summary>
    public static CorLocReport Evaluate(GroundTruthSet truth, IPredictionSource predictions)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predictions);
        var issues = new List<EvaluationIssue>(truth.Issues);
        var images = new List<ImageEvaluation>(truth.Images.Count);
        foreach (GroundTruthImage image in truth.Images)
        {
            if (image.Status == GroundTruthStatus.Excluded)
            {
                images.Add(new ImageEvaluation(image, ImagePrediction.Missing, null, false, false, image.Reason));
                continue;
            }
            ImagePrediction prediction = predictions.PredictFor(image);
            if (prediction.Issue is not null)
            {
                issues.Add(prediction.Issue);
            }
            images.Add(Score(image, prediction));
        }
        issues.AddRange(predictions.IssuesAfter(truth));
        return new CorLocReport(truth.Name, images, issues);
    }

    private static ImageEvaluation Score(GroundTruthImage image, ImagePrediction prediction)
    {
        if (image.Status == GroundTruthStatus.Unreadable)
        {
            return new ImageEvaluation(image, prediction, null, true, false, $"miss: ground truth unreadable ({image.Reason})");
        }
        switch (prediction.Status)
        {
            case PredictionStatus.Missing:
                return new ImageEvaluation(image, prediction, null, true, false, "miss: no prediction");
            case PredictionStatus.NoObject:
                return new ImageEvaluation(image, prediction, null, true, false, "miss: no object predicted");
            case PredictionStatus.Box:
                break;
            default:
                throw new InvalidOperationException($"Unknown prediction status {prediction.Status}.");
        }
        if (image.Boxes.Count == 0)
        {
            return new ImageEvaluation(image, prediction, null, true, false, $"miss: {image.Reason ?? "no ground-truth box"}");
        }
        double best = double.NegativeInfinity;
        bool correct = false;
        foreach (BoundingBox truthBox in image.Boxes)
        {
            (double iou, bool localises) = Match(prediction, truthBox);
            best = Math.Max(best, iou);
            correct |= localises;
        }
        return new ImageEvaluation(image, prediction, best, true, correct, correct ? null : "miss: best IoU below 0.5");
    }

    private static (double IoU, bool Localises) Match(in ImagePrediction prediction, in BoundingBox truth)
    {
        switch (prediction.Convention)
        {
            case IoUConvention.LostBoxes:
                return (BoxIoU.Compute(prediction.Box, truth), BoxIoU.Localises(prediction.Box, truth));
            case IoUConvention.DetectorFloatBox:
            case IoUConvention.DetectorIntegerBox:
                bool integer = prediction.Convention == IoUConvention.DetectorIntegerBox;
                return (DetectionIoU.Compute(prediction.Box, truth, integer), DetectionIoU.Localises(prediction.Box, truth, integer));
            default:
                throw new InvalidOperationException($"Unknown IoU convention {prediction.Convention}.");
        }
    }
}
