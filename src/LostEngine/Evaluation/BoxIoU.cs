namespace LostEngine.Evaluation;

/// <summary>
/// Intersection over union exactly as the reference's <c>bbox_iou</c>: continuous coordinates, no +1,
/// <c>1e-7</c> added to each height and to the union.
/// </summary>
/// <remarks>
/// The precision follows the reference's tensors, because it decides ties at the 0.5 threshold.
/// Ground truth is always an int64 tensor there; a ViT prediction is one too. With two int64 boxes,
/// torch promotes <c>h + 1e-7</c> to float32, so the areas, the union and the ratio are float32 and the
/// <c>1e-7</c> vanishes for any height of 2 or more: a box covering exactly half of another scores 0.5
/// and counts. As soon as one box has a fractional coordinate it is float64 and the same pair scores
/// just under 0.5. Computing everything in float64 would miscount those ties.
/// </remarks>
public static class BoxIoU
{
    /// <summary>The IoU a prediction needs with some ground-truth box for its image to count as found.</summary>
    public const double Threshold = 0.5;

    /// <summary>The IoU of two boxes, in the precision the reference would use for them.</summary>
    public static double Compute(in BoundingBox a, in BoundingBox b) =>
        a.IsIntegral && b.IsIntegral ? ComputeForIntegers(a, b) : ComputeForReals(a, b);

    /// <summary>True when the IoU reaches <see cref="Threshold"/>, compared in the reference's precision.</summary>
    public static bool Localises(in BoundingBox prediction, in BoundingBox truth) =>
        prediction.IsIntegral && truth.IsIntegral
            ? ComputeForIntegers(prediction, truth) >= (float)Threshold
            : ComputeForReals(prediction, truth) >= Threshold;

    /// <summary>float64 path: what torch computes when either box is a float64 tensor.</summary>
    public static double ComputeForReals(in BoundingBox a, in BoundingBox b)
    {
        const double eps = 1e-7;
        double inter = Math.Max(0, Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1))
                     * Math.Max(0, Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1));
        double w1 = a.X2 - a.X1, h1 = a.Y2 - a.Y1 + eps;
        double w2 = b.X2 - b.X1, h2 = b.Y2 - b.Y1 + eps;
        double union = w1 * h1 + w2 * h2 - inter + eps;
        return inter / union;
    }

    /// <summary>
    /// int64/float32 path: the intersection and widths stay integers, every term touched by <c>1e-7</c>
    /// is float32, as torch's type promotion makes them.
    /// </summary>
    public static float ComputeForIntegers(in BoundingBox a, in BoundingBox b)
    {
        const float eps = 1e-7f;
        long ax1 = (long)a.X1, ay1 = (long)a.Y1, ax2 = (long)a.X2, ay2 = (long)a.Y2;
        long bx1 = (long)b.X1, by1 = (long)b.Y1, bx2 = (long)b.X2, by2 = (long)b.Y2;
        long inter = Math.Max(0, Math.Min(ax2, bx2) - Math.Max(ax1, bx1))
                   * Math.Max(0, Math.Min(ay2, by2) - Math.Max(ay1, by1));
        float h1 = (ay2 - ay1) + eps;
        float h2 = (by2 - by1) + eps;
        float area1 = (ax2 - ax1) * h1;
        float area2 = (bx2 - bx1) * h2;
        float union = area1 + area2 - inter + eps;
        return inter / union;
    }
}
