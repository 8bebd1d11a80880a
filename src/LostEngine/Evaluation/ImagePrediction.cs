namespace LostEngine.Evaluation;

/// <summary>A prediction source's answer for one image.</summary>
/// <param name="Status">Whether there is a box, a "no object" answer, or nothing.</param>
/// <param name="Box">The box when <paramref name="Status"/> is <see cref="PredictionStatus.Box"/>.</param>
/// <param name="Issue">A problem found while looking the prediction up (ambiguous keys, a failed image).</param>
public readonly record struct ImagePrediction(PredictionStatus Status, BoundingBox Box, EvaluationIssue? Issue = null)
{
    /// <summary>Which reference script's IoU precision scores the box; LOST's own unless a detector made it.</summary>
    public IoUConvention Convention { get; init; }

    /// <summary>A predicted box.</summary>
    public static ImagePrediction Of(BoundingBox box) => new(PredictionStatus.Box, box);

    /// <summary>The method found no object.</summary>
    public static ImagePrediction NoObject { get; } = new(PredictionStatus.NoObject, default);

    /// <summary>No prediction for the image.</summary>
    public static ImagePrediction Missing { get; } = new(PredictionStatus.Missing, default);
}
