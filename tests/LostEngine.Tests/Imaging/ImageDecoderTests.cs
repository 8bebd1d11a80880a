using LostEngine.Imaging;
using LostEngine.Tests.Model;
using SkiaSharp;

namespace LostEngine.Tests.Imaging;

/// <summary>Decoding as PIL's convert("RGB") does, and every way a file can be bad.</summary>
public sealed class ImageDecoderTests
{
    // 3x2 images written by PIL with the pixels below; PIL reads them back exactly.
    private static readonly byte[] Expected = [200, 100, 50, 0, 255, 10, 30, 40, 250, 1, 2, 3, 128, 128, 128, 255, 0, 255];
    internal const string Gif = "R0lGODdhAwACAIIAAAD/CoCAgMhkMh4o+v8A/wECAwAAAAAAACwAAAAAAwACAAAICQAFABhQIACBgAA7";
    internal const string Bmp = "Qk1OAAAAAAAAADYAAAAoAAAAAwAAAAIAAAABABgAAAAAABgAAADEDgAAxA4AAAAAAAAAAAAAAwIBgICA/wD/AAAAMmTICv8A+igeAAAA";
    internal const string WebPLossless = "UklGRkwAAABXRUJQVlA4TD8AAAAvAkAAAC9AkG2zjOMCd7i/1T0IJG1gQdafJ3i7KWgjhfnBsIQK/MvAAfMf9CW8Vs828gUCAcpYccUhEf2P9QAA";

    [Theory]
    [InlineData("gif", Gif)]
    [InlineData("bmp", Bmp)]
    [InlineData("webp", WebPLossless)]
    public void Gif_bmp_and_lossless_webp_decode_to_the_stored_rgb(string format, string base64)
    {
        var decoder = new ImageDecoder();
        var image = decoder.Decode(Convert.FromBase64String(base64), $"image.{format}");
        Assert.Equal((3, 2), (image.Width, image.Height));
        Assert.Equal(Expected, Rgb(decoder.Pixels));
    }

    [Fact]
    public void Jpeg_decodes_at_its_stored_size()
    {
        var decoder = new ImageDecoder();
        var image = decoder.DecodeFile(Fixtures.Tiny("photo_64x48.jpg"));
        Assert.Equal((64, 48), (image.Width, image.Height));
        Assert.Equal(64 * 48 * 4, decoder.Pixels.Length);
    }

    [Fact]
    public void Exif_orientation_is_reported_but_not_applied()
    {
        var pixels = ReferencePreprocessing.RandomRgb(8, 4, 1);
        byte[] plain = EncodeJpeg(pixels, 8, 4);
        byte[] rotated = WithExifOrientation(plain, 6);
        var decoder = new ImageDecoder();

        decoder.Decode(plain, "plain.jpg");
        byte[] plainPixels = decoder.Pixels.ToArray();
        var image = decoder.Decode(rotated, "rotated.jpg");

        Assert.Equal(6, image.ExifOrigin);
        Assert.Equal((8, 4), (image.Width, image.Height));
        Assert.Equal(plainPixels, decoder.Pixels.ToArray());
    }

    [Fact]
    public void Corrupt_png_data_is_a_decode_error_naming_the_file()
    {
        byte[] png = TestPng.Assemble(8, 8, TestPng.Rgb, [0x78, 0x9C, 0xFF, 0xFF, 0x12, 0x34, 0x56, 0x78, 0x9A]);
        var e = Assert.Throws<ImageDecodeException>(() => new ImageDecoder().Decode(png, "corrupt.png"));
        Assert.Contains("corrupt.png", e.Message);
    }

    [Fact]
    public void A_truncated_jpeg_is_a_decode_error()
    {
        byte[] jpeg = File.ReadAllBytes(Fixtures.Tiny("photo_64x48.jpg"));
        byte[] half = jpeg[..(jpeg.Length / 2)];
        var e = Assert.Throws<ImageDecodeException>(() => new ImageDecoder().Decode(half, "half.jpg"));
        Assert.Contains("half.jpg", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_text_file_named_png_is_not_an_image()
    {
        string path = Path.Combine(Fixtures.TempFolder(), "notes.png");
        File.WriteAllText(path, "just some text, not pixels");
        var e = Assert.Throws<ImageDecodeException>(() => new ImageDecoder().DecodeFile(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not an image", e.Message);
    }

    [Fact]
    public void A_zero_byte_file_is_empty()
    {
        string path = Path.Combine(Fixtures.TempFolder(), "empty.jpg");
        File.WriteAllBytes(path, []);
        var e = Assert.Throws<ImageDecodeException>(() => new ImageDecoder().DecodeFile(path));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void A_missing_file_is_a_decode_error()
    {
        var e = Assert.Throws<ImageDecodeException>(() => new ImageDecoder().DecodeFile("/nonexistent/image.png"));
        Assert.Contains("cannot be read", e.Message);
    }

    [Fact]
    public void A_huge_declared_size_is_rejected_from_the_header_before_allocating()
    {
        byte[] png = TestPng.Assemble(100_000, 100_000, TestPng.Rgb, [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        var decoder = new ImageDecoder();
        long before = GC.GetAllocatedBytesForCurrentThread();

        var e = Assert.Throws<ImageTooLargeException>(() => decoder.Decode(png, "huge.png"));

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the pixel buffer must not be allocated");
        Assert.Equal(0, decoder.Pixels.Length);
        Assert.Equal((100_000, 100_000), (e.Width, e.Height));
        Assert.Contains("huge.png", e.Message);
    }

    [Fact]
    public void The_pixel_limit_is_configurable()
    {
        byte[] png = TestPng.Encode(4, 3, TestPng.Rgb, new byte[36]);
        Assert.Throws<ImageTooLargeException>(() => new ImageDecoder(pixelLimit: 11).Decode(png, "twelve.png"));
        Assert.Equal(4, new ImageDecoder(pixelLimit: 12).Decode(png, "twelve.png").Width);
    }

    private static byte[] Rgb(ReadOnlySpan<byte> rgba)
    {
        var rgb = new byte[rgba.Length / 4 * 3];
        for (int i = 0; i < rgba.Length / 4; i++)
        {
            rgba.Slice(i * 4, 3).CopyTo(rgb.AsSpan(i * 3));
        }
        return rgb;
    }

    private static byte[] EncodeJpeg(byte[] rgb, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                bitmap.SetPixel(x, y, new SKColor(rgb[i], rgb[i + 1], rgb[i + 2]));
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>Inserts an APP1 Exif segment (little-endian TIFF, one IFD entry: Orientation) right after SOI.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0,       // header, IFD at offset 8
            1, 0,                                         // one entry
            0x12, 0x01, 3, 0, 1, 0, 0, 0,                 // tag 0x0112 Orientation, SHORT, count 1
            (byte)orientation, (byte)(orientation >> 8), 0, 0,
            0, 0, 0, 0,                                   // no next IFD
        ];
        byte[] exif = [.. "Exif\0\0"u8, .. tiff];
        int length = exif.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif];
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }
}
