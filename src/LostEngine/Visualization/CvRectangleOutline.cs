namespace LostEngine.Visualization;

/// <summary>
/// Paints the pixels that OpenCV's <c>cv2.rectangle(image, (x1, y1), (x2, y2), color, 3)</c> sets, the call
/// the reference draws every box with. Checked against OpenCV 4.6 itself (test fixture
/// <c>opencv_rectangle_t3.txt</c>): for thickness 3 OpenCV strokes each side as a band 5 px wide centred on
/// the side (its half-width is thickness/2 rounded up, plus the centre pixel), and joins the sides with
/// filled discs of radius 2 (pixels with dx² + dy² ≤ 4), so the outer corners are rounded. The corner
/// coordinates are used as given: a box's exclusive maxima x2, y2 are the centres of its right and bottom
/// sides, exactly as the reference passes them.
/// </summary>
internal static class CvRectangleOutline
{
    /// <summary>Half the band width of OpenCV's thickness-3 stroke, in pixels beside the centre pixel.</summary>
    public const int HalfWidth = 2;

    /// <summary>Radius of the discs OpenCV caps each side with, for thickness 3.</summary>
    public const int CapRadius = 2;

    public static void Draw(RgbCanvas canvas, int x1, int y1, int x2, int y2, RgbColor color)
    {
        int left = Math.Min(x1, x2), right = Math.Max(x1, x2);
        int top = Math.Min(y1, y2), bottom = Math.Max(y1, y2);
        canvas.Fill(left, top - HalfWidth, right + 1, top + HalfWidth + 1, color);
        canvas.Fill(left, bottom - HalfWidth, right + 1, bottom + HalfWidth + 1, color);
        canvas.Fill(left - HalfWidth, top, left + HalfWidth + 1, bottom + 1, color);
        canvas.Fill(right - HalfWidth, top, right + HalfWidth + 1, bottom + 1, color);
        Disc(canvas, left, top, color);
        Disc(canvas, right, top, color);
        Disc(canvas, left, bottom, color);
        Disc(canvas, right, bottom, color);
    }

    private static void Disc(RgbCanvas canvas, int cx, int cy, RgbColor color)
    {
        for (int dy = -CapRadius; dy <= CapRadius; dy++)
        {
            for (int dx = -CapRadius; dx <= CapRadius; dx++)
            {
                if (dx * dx + dy * dy <= CapRadius * CapRadius)
                {
                    canvas.Set(cx + dx, cy + dy, color);
                }
            }
        }
    }
}
