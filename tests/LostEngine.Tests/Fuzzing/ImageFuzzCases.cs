using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using LostEngine.Tests.Imaging;
using LostEngine.Tests.Model;
using SkiaSharp;

namespace LostEngine.Tests.Fuzzing;

/// <summary>
/// Generators of corrupted images: valid PNG (grey, RGB, RGBA), JPEG, WebP (lossy and lossless), GIF and BMP files
/// with a few bytes changed. For PNG, half the cases then recompute every chunk's CRC, so that the change reaches
/// the decompressor and the filters instead of stopping at the checksum.
/// </summary>
public static class ImageFuzzCases
{
    private static readonly Lazy<(string Name, byte[] Bytes)[]> Seeds = new(() =>
    [
        ("odd_37x53.png", File.ReadAllBytes(Fixtures.Tiny("odd_37x53.png"))),
        ("grey_45x30.png", File.ReadAllBytes(Fixtures.Tiny("grey_45x30.png"))),
        ("rgba_40x33.png", File.ReadAllBytes(Fixtures.Tiny("rgba_40x33.png"))),
        ("photo_64x48.jpg", File.ReadAllBytes(Fixtures.Tiny("photo_64x48.jpg"))),
        ("lossy.webp", Encoded(SKEncodedImageFormat.Webp, 80)),
        ("lossless.webp", Convert.FromBase64String(ImageDecoderTests.WebPLossless)),
        ("image.gif", Convert.FromBase64String(ImageDecoderTests.Gif)),
        ("image.bmp", Convert.FromBase64String(ImageDecoderTests.Bmp)),
    ]);

    public static Gen<ImageInput> Corrupted { get; } =
        from seed in Gen.Choose(0, 7)
        from mutations in ByteMutation.Several
        from repairCrcs in Gen.Elements(false, true)
        select Corrupt(Seeds.Value[seed], mutations, repairCrcs);

    private static ImageInput Corrupt((string Name, byte[] Bytes) seed, ByteMutation[] mutations, bool repairCrcs)
    {
        var bytes = ByteMutation.ApplyAll(seed.Bytes, mutations);
        bool png = seed.Name.EndsWith(".png", StringComparison.Ordinal);
        if (png && repairCrcs)
        {
            RepairPngCrcs(bytes);
        }
        return new ImageInput($"{seed.Name} mutated {string.Join(", ", mutations)}{(png && repairCrcs ? ", CRCs repaired" : "")}", bytes);
    }

    private static void RepairPngCrcs(byte[] bytes)
    {
        int at = 8;
        while (at + 12 <= bytes.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
            if (length > bytes.Length - at - 12)
            {
                return;
            }
            int crcAt = at + 8 + (int)length;
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(crcAt), TestPng.Crc32(bytes.AsSpan(at + 4, (int)length + 4)));
            at = crcAt + 4;
        }
    }

    private static byte[] Encoded(SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(24, 18, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var random = new Random(5);
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }
}
