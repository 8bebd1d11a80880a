using LostEngine.Kernel;
using SkiaSharp;

namespace LostEngine.Visualization;

/// <summary>
/// MaskCut's <c>pred</c>: the unpadded image with every object in its own colour (<see cref="RgbColor.ObjectColor"/>,
/// round order): its cells tinted, then its box outlined at OpenCV thickness 3, later objects' boxes over earlier
/// ones. Without an object, the plain image.
/// </summary>
internal static class MaskCutFigure
{
    public static RgbCanvas Draw(SKBitmap image, in PatchGrid grid, ReadOnlySpan<MaskCutObject> objects, ReadOnlySpan<int> objectMap)
    {
        var canvas = RgbCanvas.CopyOf(image);
        for (int cell = 0; cell < objectMap.Length; cell++)
        {
            if (objectMap[cell] > 0)
            {
                canvas.TintCell(grid, cell, RgbColor.ObjectColor(objectMap[cell] - 1));
            }
        }
        for (int index = 0; index < objects.Length; index++)
        {
            var box = objects[index].Box;
            CvRectangleOutline.Draw(canvas, box.X1, box.Y1, box.X2, box.Y2, RgbColor.ObjectColor(index));
        }
        return canvas;
    }
}
