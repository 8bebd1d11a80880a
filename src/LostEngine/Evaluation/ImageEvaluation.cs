using LostEngine.Datasets;

namespace LostEngine.Evaluation;

/// <summary>How one image of the set was scored.</summary>
/// <param name="Image">The ground-truth image.</param>
/// <param name="Prediction">What the prediction source had for it (Missing when the image was not asked for).</param>
/// <param name="BestIoU">The best IoU of the predicted box with a ground-truth box; null with no box or no ground truth.</param>
/// <param name="Counted">Whether the image is in the CorLoc's denominator.</param>
/// <param name="Correct">Whether the prediction reached IoU 0.5 with some ground-truth box.</param>
/// <param name="Reason">Why the image is a miss or left out, in plain words; null when found.</param>
public sealed record ImageEvaluation(
    GroundTruthImage Image,
    ImagePrediction Prediction,
    double? BestIoU,
    bool Counted,
    bool Correct,
    string? Reason);
