namespace LostEngine.Imaging;

/// <summary>Byte layout of one pixel of an 8-bit interleaved frame.</summary>
public enum PixelFormat
{
    /// <summary>Red, green, blue; 3 bytes.</summary>
    Rgb24 = 0,

    /// <summary>Blue, green, red; 3 bytes (OpenCV's order).</summary>
    Bgr24 = 1,

    /// <summary>Red, green, blue, alpha; 4 bytes. Alpha is ignored.</summary>
    Rgba32 = 2,

    /// <summary>Blue, green, red, alpha; 4 bytes (Windows' and Skia's native order on little-endian). Alpha is ignored.</summary>
    Bgra32 = 3,
}

/// <summary>Sizes and channel positions of <see cref="PixelFormat"/>.</summary>
public static class PixelFormats
{
    /// <summary>Bytes per pixel.</summary>
    public static int BytesPerPixel(this PixelFormat format) => format switch
    {
        PixelFormat.Rgb24 or PixelFormat.Bgr24 => 3,
        PixelFormat.Rgba32 or PixelFormat.Bgra32 => 4,
        _ => throw new LostInputException("pixel_format", $"{(int)format} is not a known pixel format."),
    };

    /// <summary>Byte offset of red within a pixel; blue is at <c>2 - RedOffset</c>, green at 1.</summary>
    internal static int RedOffset(this PixelFormat format) => format is PixelFormat.Bgr24 or PixelFormat.Bgra32 ? 2 : 0;
}
