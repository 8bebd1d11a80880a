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
    public void Fill(int x1, int y1, int x2, int y2, RgbColor color)
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
                pixel[0] = color.R;
                pixel[1] = color.G;
                pixel[2] = color.B;
                pixel[3] = 255;
            }
        }
    }

    public void Dispose() => Bitmap.Dispose();
}
