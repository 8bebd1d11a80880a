using LostEngine.Imaging;

namespace LostEngine.Tests.Imaging;

/// <summary>The spec's two-step formula <c>(x / 255 - mean) / std</c> in double, pixel by pixel: the tests' oracle.</summary>
internal static class ReferencePreprocessing
{
    private static readonly double[] Mean = [0.485, 0.456, 0.406];
    private static readonly double[] Std = [0.229, 0.224, 0.225];

    public static float[] Planar(byte[] rgb, int width, int height, int paddedHeight, int paddedWidth)
    {
        var result = new float[3 * paddedHeight * paddedWidth];
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    double v = rgb[(y * width + x) * 3 + c] / 255.0;
                    result[(c * paddedHeight + y) * paddedWidth + x] = (float)((v - (float)Mean[c]) / (float)Std[c]);
                }
            }
        }
        return result;
    }

    /// <summary>The same RGB pixels laid out in <paramref name="format"/> with <paramref name="stride"/> bytes per row; the gaps hold 0xAB.</summary>
    public static byte[] Layout(byte[] rgb, int width, int height, PixelFormat format, int stride)
    {
        int bpp = format.BytesPerPixel();
        var frame = new byte[stride * height];
        Array.Fill(frame, (byte)0xAB);
        bool bgr = format is PixelFormat.Bgr24 or PixelFormat.Bgra32;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int s = (y * width + x) * 3, d = y * stride + x * bpp;
                frame[d] = rgb[s + (bgr ? 2 : 0)];
                frame[d + 1] = rgb[s + 1];
                frame[d + 2] = rgb[s + (bgr ? 0 : 2)];
                if (bpp == 4)
                {
                    frame[d + 3] = (byte)(x * 37 + y);
                }
            }
        }
        return frame;
    }

    public static byte[] RandomRgb(int width, int height, int seed)
    {
        var rgb = new byte[width * height * 3];
        new Random(seed).NextBytes(rgb);
        return rgb;
    }

    public static double MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        }
        return max;
    }
}
