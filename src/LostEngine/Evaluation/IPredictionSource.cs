using LostEngine.Datasets;

namespace LostEngine.Evaluation;

/// <summary>
/// Where the evaluation gets each image's prediction: a prediction file today, the model run image by
/// image tomorrow. The evaluator asks once per image of the evaluated set, in the set's order.
/// </summary>
public interface IPredictionSource
{
    /// <summary>The prediction for one ground-truth image.</summary>
    ImagePrediction PredictFor(GroundTruthImage image);

    /// <summary>Problems only visible once every image was asked for (e.g. predictions naming no image).</summary>
    IEnumerable<EvaluationIssue> IssuesAfter(GroundTruthSet truth) => [];
}
