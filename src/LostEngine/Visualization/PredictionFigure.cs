using LostEngine.Kernel;
using SkiaSharp;

namespace LostEngine.Visualization;

/// <summary>
/// <c>pred</c> (visualize_predictions): the unpadded image with the predicted box, red, OpenCV thickness 3.
/// The reference's optional green seed square (<c>plot_seed</c>, off by default) is not drawn.
/// A result with no object gives the plain image.
/// </summary>
internal static class PredictionFigure
{
    public static RgbCanvas Draw(SKBitmap image, in LostResult result)
    {
        var canvas = RgbCanvas.CopyOf(image);
        if (result.HasObject)
        {
            var box = result.Box;
            CvRectangleOutline.Draw(canvas, box.X1, box.Y1, box.X2, box.Y2, RgbColor.PredictionBox);
        }
        return canvas;
    }
}
