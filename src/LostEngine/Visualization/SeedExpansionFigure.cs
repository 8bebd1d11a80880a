using LostEngine.Kernel;
using SkiaSharp;

namespace LostEngine.Visualization;

/// <summary>
/// <c>seed_expansion</c> (visualize_seed_expansion): on the unpadded image, the box of the seed's similarity
/// row alone in yellow, then the final box in magenta (both OpenCV thickness 3, magenta drawn over yellow),
/// then the seed's whole cell painted red over both, clipped to the image as a numpy slice is.
/// A box that does not exist (no object, or a zero seed key) is not drawn.
/// </summary>
internal static class SeedExpansionFigure
{
    public static RgbCanvas Draw(SKBitmap image, in LostParameters parameters, in LostResult result, PixelBox? seedRowBox)
    {
        var canvas = RgbCanvas.CopyOf(image);
        if (seedRowBox is { } before)
        {
            CvRectangleOutline.Draw(canvas, before.X1, before.Y1, before.X2, before.Y2, RgbColor.SeedRowBox);
        }
        if (result.HasObject)
        {
            var after = result.Box;
            CvRectangleOutline.Draw(canvas, after.X1, after.Y1, after.X2, after.Y2, RgbColor.ExpandedBox);
        }
        canvas.FillCell(parameters.Grid, result.Seed, RgbColor.Seed);
        return canvas;
    }
}
