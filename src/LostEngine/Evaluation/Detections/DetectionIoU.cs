namespace LostEngine.Evaluation.Detections;

/// <summary>
/// The IoU of <c>main_corloc_evaluation.py --type_pred detectron</c>: the reference's <c>bbox_iou</c> (no +1,
/// <c>1e-7</c> added to each height and to the union) on a box that is a 0-dimensional float64 (or int64) tensor and
/// ground truth cast to float32.
/// </summary>
/// <remarks>
/// torch lets a dimensioned tensor's dtype win over a 0-dimensional one's, so every term that mixes the box with the
/// ground truth is float32, the box's corners rounded to float32 first. Only the box's own area is computed in its
/// own type: <c>(x2 - x1) * (y2 - y1 + 1e-7)</c> in float64 for a float box, then rounded to float32; for an
/// integer box <c>y2 - y1 + 1e-7</c> is already float32 (torch's default type for an int tensor plus a float).
/// </remarks>
public static class DetectionIoU
{
    /// <summary>The IoU in the reference's float32.</summary>
    /// <param name="box">The detector's box, <c>[x, y, x + w, y + h]</c> as the reference adds it.</param>
    /// <param name="truth">A ground-truth box (whole numbers, exact in float32 below 2^24).</param>
    /// <param name="integerBox">True when the box's four JSON numbers were integers (an int64 array in the reference).</param>
    public static float Compute(in BoundingBox box, in BoundingBox truth, bool integerBox)
    {
        const float eps = 1e-7f;
        float px1 = (float)box.X1, py1 = (float)box.Y1, px2 = (float)box.X2, py2 = (float)box.Y2;
        float gx1 = (float)truth.X1, gy1 = (float)truth.Y1, gx2 = (float)truth.X2, gy2 = (float)truth.Y2;
        float inter = Math.Max(Math.Min(px2, gx2) - Math.Max(px1, gx1), 0f)
                    * Math.Max(Math.Min(py2, gy2) - Math.Max(py1, gy1), 0f);
        float area1 = integerBox
            ? (float)(box.X2 - box.X1) * ((float)(box.Y2 - box.Y1) + eps)
            : (float)((box.X2 - box.X1) * (box.Y2 - box.Y1 + 1e-7));
        float area2 = (gx2 - gx1) * ((gy2 - gy1) + eps);
        float union = area1 + area2 - inter + eps;
        return inter / union;
    }

    /// <summary>True when the IoU reaches 0.5 in float32, as <c>torch.any(ious &gt;= 0.5)</c> compares it.</summary>
    public static bool Localises(in BoundingBox box, in BoundingBox truth, bool integerBox) =>
        Compute(box, truth, integerBox) >= 0.5f;
}
