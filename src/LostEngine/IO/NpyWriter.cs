using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace LostEngine.IO;

/// <summary>Writes float32 arrays as NumPy .npy files (little-endian '&lt;f4', C order) that numpy.load reads.</summary>
public static class NpyWriter
{
    // numpy aligns the data to 64 bytes so memory-mapped arrays are aligned for any SIMD width.
    private const int Alignment = 64;

    /// <summary>
    /// Writes <paramref name="values"/> with <paramref name="shape"/> to a file at <paramref name="path"/>, replacing
    /// it whole: a write that fails (a full disk) leaves no file, or the old one, behind.
    /// </summary>
    public static void WriteFloat32(string path, ReadOnlySpan<float> values, ReadOnlySpan<int> shape)
    {
        using var file = AtomicFile.Create(path);
        WriteFloat32(file.Stream, values, shape);
        file.Commit();
    }

    /// <summary>Writes <paramref name="values"/> with <paramref name="shape"/> to <paramref name="stream"/>.</summary>
    /// <exception cref="LostInputException">A shape entry is negative or the shape's product is not the number of values.</exception>
    public static void WriteFloat32(Stream stream, ReadOnlySpan<float> values, ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(stream);
        long count = 1;
        foreach (int size in shape)
        {
            if (size < 0)
            {
                throw new LostInputException(nameof(shape), $"has a negative entry {size}.");
            }
            count *= size;
        }
        if (count != values.Length)
        {
            throw new LostInputException(nameof(shape), $"has {count} elements, but {values.Length} values were given.");
        }
        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape.ToArray())})";
        string dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shapeText}, }}";
        // Version 1.0 stores the header length in 2 bytes; longer headers (thousands of axes) need 2.0.
        int preamble = dict.Length + 1 + 10 <= ushort.MaxValue ? 10 : 12;
        int padded = (preamble + dict.Length + 1 + Alignment - 1) / Alignment * Alignment;
        string header = dict.PadRight(padded - preamble - 1) + "\n";

        Span<byte> start = stackalloc byte[12];
        start[0] = 0x93;
        "NUMPY"u8.CopyTo(start[1..]);
        start[6] = preamble == 10 ? (byte)1 : (byte)2;
        start[7] = 0;
        if (preamble == 10)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(start[8..], (ushort)header.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(start[8..], (uint)header.Length);
        }
        stream.Write(start[..preamble]);
        stream.Write(Encoding.Latin1.GetBytes(header));
        WriteLittleEndian(stream, values);
    }

    private static void WriteLittleEndian(Stream stream, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        Span<byte> element = stackalloc byte[sizeof(float)];
        foreach (float value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(element, value);
            stream.Write(element);
        }
    }
}
