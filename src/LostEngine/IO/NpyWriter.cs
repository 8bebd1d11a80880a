using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace LostEngine.IO;

/// <summary>
/// Writes float32 arrays as NumPy <c>.npy</c> version 1.0: the magic <c>\x93NUMPY</c>, version 1.0, a little-endian
/// header length, then an ASCII dict (<c>descr</c> '&lt;f4', <c>fortran_order</c> False, <c>shape</c>) padded with
/// spaces and a final newline so the data starts on a multiple of 64 bytes, then the values little-endian, C order.
/// </summary>
public static class NpyWriter
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    /// <summary>Writes <paramref name="values"/> with <paramref name="shape"/> to the file at <paramref name="path"/>.</summary>
    /// <exception cref="LostInputException">The shape does not match the number of values.</exception>
    public static void WriteFloat32(string path, ReadOnlySpan<float> values, ReadOnlySpan<int> shape)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        WriteFloat32(stream, values, shape);
    }

    /// <summary>Writes <paramref name="values"/> with <paramref name="shape"/> to <paramref name="stream"/>.</summary>
    /// <exception cref="LostInputException">The shape does not match the number of values.</exception>
    public static void WriteFloat32(Stream stream, ReadOnlySpan<float> values, ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0)
            {
                throw new LostInputException("shape", $"dimension {d} is negative.");
            }
            count *= d;
        }
        if (count != values.Length)
        {
            throw new LostInputException("shape", $"describes {count} values, but {values.Length} were given.");
        }
        var header = Encoding.ASCII.GetBytes(Header(shape));
        int unpadded = Magic.Length + sizeof(ushort) + header.Length + 1;
        int padding = (64 - unpadded % 64) % 64;
        int headerLength = header.Length + padding + 1;
        Span<byte> prefix = stackalloc byte[Magic.Length + sizeof(ushort)];
        Magic.CopyTo(prefix);
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[Magic.Length..], (ushort)headerLength);
        stream.Write(prefix);
        stream.Write(header);
        for (int i = 0; i < padding; i++)
        {
            stream.WriteByte((byte)' ');
        }
        stream.WriteByte((byte)'\n');
        WriteLittleEndian(stream, values);
    }

    private static string Header(ReadOnlySpan<int> shape)
    {
        var dims = new StringBuilder();
        foreach (int d in shape)
        {
            dims.Append(d.ToString(CultureInfo.InvariantCulture)).Append(", ");
        }
        // Python's repr of a tuple: "(5,)" for one dimension, "(5, 3)" for more, "()" for none.
        string tuple = shape.Length switch
        {
            0 => "()",
            1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
            _ => $"({dims.ToString(0, dims.Length - 2)})",
        };
        return $"{{'descr': '<f4', 'fortran_order': False, 'shape': {tuple}, }}";
    }

    private static void WriteLittleEndian(Stream stream, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
            return;
        }
        Span<byte> buffer = stackalloc byte[4];
        foreach (float v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(buffer, v);
            stream.Write(buffer);
        }
    }
}
