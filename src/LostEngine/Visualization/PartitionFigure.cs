using LostEngine.Kernel;
using SkiaSharp;

namespace LostEngine.Visualization;

/// <summary>
/// TokenCut's <c>pred</c>: the unpadded image with the box in red, OpenCV thickness 3, as TokenCut's own
/// visualize_predictions draws it; under the box, the cells of the seed's side of the cut tinted sky blue
/// (<see cref="RgbColor.Partition"/>), so the parts of the partition the box leaves out show; over it, the seed
/// cell in red (204, 37, 41) as LOST's <c>seed_expansion</c> paints its seed. Without an object, the plain image.
/// </summary>
internal static class PartitionFigure
{
    public static RgbCanvas Draw(SKBitmap image, in PatchGrid grid, in TokenCutResult result, ReadOnlySpan<byte> partition)
    {
        var canvas = RgbCanvas.CopyOf(image);
        if (!result.HasObject)
        {
            return canvas;
        }
        for (int cell = 0; cell < partition.Length; cell++)
        {
            if (partition[cell] != 0)
            {
                canvas.TintCell(grid, cell, RgbColor.Partition);
            }
        }
        var box = result.Box;
        CvRectangleOutline.Draw(canvas, box.X1, box.Y1, box.X2, box.Y2, RgbColor.PredictionBox);
        canvas.FillCell(grid, result.Seed, RgbColor.Seed);
        return canvas;
    }
}
