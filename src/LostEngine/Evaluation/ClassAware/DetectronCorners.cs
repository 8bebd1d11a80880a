using LostEngine.Evaluation.Detections;

namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// What the reference's <c>load_predictions</c> makes of a detection's <c>[x, y, w, h]</c>: detectron2's
/// <c>BoxMode.convert</c> adds <c>x + w</c> and <c>y + h</c> in a torch tensor (int64 when all four are JSON
/// integers, else float32), then <c>x + 1</c> and <c>y + 1</c> in double, VOC's 1-based minima.
/// </summary>
internal static class DetectronCorners
{
    /// <summary>The entry's box in the reference's evaluation coordinates.</summary>
    public static (double X1, double Y1, double X2, double Y2) Of(in DetectionEntry entry)
    {
        if (entry.IntegerBox)
        {
            return (entry.X + 1, entry.Y + 1, entry.X + entry.Width, entry.Y + entry.Height);
        }
        float x = (float)entry.X, y = (float)entry.Y;
        return ((double)x + 1, (double)y + 1, (float)(x + (float)entry.Width), (float)(y + (float)entry.Height));
    }
}
