namespace LostEngine.Imaging;

/// <summary>
/// Size and layout of the pixels an <see cref="ImageDecoder"/> holds after a decode: RGBA, 8 bits per channel,
/// colour not multiplied by alpha, rows packed (<see cref="Stride"/> = 4 · width).
/// </summary>
/// <param name="Width">Width in pixels, as stored (no EXIF rotation).</param>
/// <param name="Height">Height in pixels, as stored.</param>
/// <param name="ExifOrigin">The EXIF orientation tag (1 = none); reported, never applied, as the reference does not apply it.</param>
public readonly record struct DecodedImage(int Width, int Height, int ExifOrigin)
{
    /// <summary>The layout of the decoded pixels.</summary>
    public PixelFormat Format => PixelFormat.Rgba32;

    /// <summary>Bytes from one row to the next.</summary>
    public int Stride => Width * 4;
}
