using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace LostEngine.Tests.Imaging;

/// <summary>
/// Builds PNG files byte by byte (8-bit grey, RGB or RGBA, filter 0), so the tests control every value, alpha
/// included, and can write headers that lie about the size.
/// </summary>
internal static class TestPng
{
    public const int Grey = 0, Rgb = 2, Rgba = 6;

    public static byte[] Encode(int width, int height, int colorType, ReadOnlySpan<byte> pixels)
    {
        int channels = colorType switch { Grey => 1, Rgb => 3, Rgba => 4, _ => throw new ArgumentOutOfRangeException(nameof(colorType)) };
        var raw = new MemoryStream();
        for (int y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            raw.Write(pixels.Slice(y * width * channels, width * channels));
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(z);
        }
        return Assemble(width, height, colorType, compressed.ToArray());
    }

    /// <summary>A signature and an IHDR declaring the size, then an IDAT of <paramref name="idat"/> and IEND.</summary>
    public static byte[] Assemble(int width, int height, int colorType, byte[] idat)
    {
        var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = (byte)colorType;
        Chunk(file, "IHDR", ihdr);
        Chunk(file, "IDAT", idat);
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        file.Write(word);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        file.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        file.Write(word);
    }

    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
