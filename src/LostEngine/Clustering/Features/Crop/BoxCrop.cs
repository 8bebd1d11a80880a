using LostEngine.Evaluation;

namespace LostEngine.Clustering.Features.Crop;

/// <summary>
/// The crop cluster_for_OD.py takes of a box: <c>img[:, round(y1):round(y2), round(x1):round(x2)]</c>. Python's
/// <c>round</c> rounds halves to even (2.5 → 2, 3.5 → 4), as <see cref="MidpointRounding.ToEven"/>, and the slice
/// follows Python's rules: a negative bound counts from the end (−3 is height − 3), then both are clipped to the
/// image, and a start at or past the stop leaves nothing.
/// </summary>
internal static class BoxCrop
{
    /// <summary>The region of a <paramref name="width"/> × <paramref name="height"/> image the reference crops for <paramref name="box"/>; possibly empty.</summary>
    /// <exception cref="ArgumentException">A coordinate is NaN or infinite (Python's round refuses them too).</exception>
    public static CropRegion Of(BoundingBox box, int width, int height)
    {
        var (top, rows) = Slice(box.Y1, box.Y2, height);
        var (left, cols) = Slice(box.X1, box.X2, width);
        return new CropRegion(top, left, rows, cols);
    }

    private static (int Start, int Length) Slice(double start, double stop, int length)
    {
        int from = Bound(Round(start), length);
        int to = Bound(Round(stop), length);
        return (from, Math.Max(0, to - from));
    }

    private static double Round(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"coordinate {value} is not a finite number.");
        }
        return Math.Round(value, MidpointRounding.ToEven);
    }

    // Python's slice bound on a sequence of `length`: negative counts from the end, then clipped to [0, length].
    private static int Bound(double index, int length) =>
        (int)Math.Clamp(index < 0 ? index + length : index, 0, length);
}
