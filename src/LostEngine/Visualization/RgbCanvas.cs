using LostEngine.Kernel;
using SkiaSharp;

namespace LostEngine.Visualization;

/// <summary>
/// An opaque RGBA8888 bitmap written pixel by pixel. The reference's figures are hard-edged (OpenCV without
/// anti-aliasing, numpy slices, nearest upsampling), so they are painted here as exact pixels rather than
/// through Skia's anti-aliased paths. Every write outside the bitmap is clipped, as OpenCV and numpy clip.
/// </summary>
internal sealed class RgbCanvas : IDisposable
{
    private RgbCanvas(SKBitmap bitmap)
    {
        Bitmap = bitmap;
    }

    public SKBitmap Bitmap { get; }

    public int Width => Bitmap.Width;

    public int Height => Bitmap.Height;

    /// <summary>A black canvas of the given size.</summary>
    public static RgbCanvas Black(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.Black);
        return new RgbCanvas(bitmap);
    }

    /// <summary>A copy of <paramref name="image"/> in RGBA8888, so the caller's bitmap is never drawn on.</summary>
    public static RgbCanvas CopyOf(SKBitmap image)
    {
        var canvas = Black(image.Width, image.Height);
        using (var drawer = new SKCanvas(canvas.Bitmap))
        {
            drawer.DrawBitmap(image, 0, 0, SKSamplingOptions.Default, null);
        }
        return canvas;
    }

    /// <summary>Sets one pixel; pixels outside the bitmap are ignored.</summary>
    public void Set(int x, int y, RgbColor color)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            return;
        }
        var pixel = Bitmap.GetPixelSpan().Slice(y * Bitmap.RowBytes + x * 4, 4);
        pixel[0] = color.R;
        pixel[1] = color.G;
        pixel[2] = color.B;
        pixel[3] = 255;
    }

    /// <summary>Fills the pixels x in [x1, x2), y in [y1, y2), clipped to the bitmap.</summary>
    public void Fill(int x1, int y1, int x2, int y2, RgbColor color) => Paint(x1, y1, x2, y2, color, blend: false);

    /// <summary>Fills the block of pixels of grid cell <paramref name="cell"/> (row-major), clipped to the bitmap as a numpy slice is.</summary>
    public void FillCell(in PatchGrid grid, int cell, RgbColor color)
    {
        var (x1, y1, x2, y2) = CellPixels(grid, cell);
        Paint(x1, y1, x2, y2, color, blend: false);
    }

    /// <summary>
    /// Tints the block of pixels of grid cell <paramref name="cell"/>: each channel becomes the mean of the pixel's and
    /// <paramref name="color"/>'s (rounded down), so a mask shows its colour and the image under it.
    /// </summary>
    public void TintCell(in PatchGrid grid, int cell, RgbColor color)
    {
        var (x1, y1, x2, y2) = CellPixels(grid, cell);
        Paint(x1, y1, x2, y2, color, blend: true);
    }

    private static (int X1, int Y1, int X2, int Y2) CellPixels(in PatchGrid grid, int cell)
    {
        int row = cell / grid.Cols, col = cell % grid.Cols;
        return (col * grid.ScaleX, row * grid.ScaleY, (col + 1) * grid.ScaleX, (row + 1) * grid.ScaleY);
    }

    private void Paint(int x1, int y1, int x2, int y2, RgbColor color, bool blend)
    {
        int xStart = Math.Max(x1, 0), xEnd = Math.Min(x2, Width);
        int yStart = Math.Max(y1, 0), yEnd = Math.Min(y2, Height);
        var pixels = Bitmap.GetPixelSpan();
        int rowBytes = Bitmap.RowBytes;
        for (int y = yStart; y < yEnd; y++)
        {
            for (int x = xStart; x < xEnd; x++)
            {
                var pixel = pixels.Slice(y * rowBytes + x * 4, 4);
                pixel[0] = blend ? (byte)((pixel[0] + color.R) / 2) : color.R;
                pixel[1] = blend ? (byte)((pixel[1] + color.G) / 2) : color.G;
                pixel[2] = blend ? (byte)((pixel[2] + color.B) / 2) : color.B;
                pixel[3] = 255;
            }
        }
    }

    public void Dispose() => Bitmap.Dispose();
}
