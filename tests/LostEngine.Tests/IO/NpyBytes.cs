using System.Buffers.Binary;
using System.Text;

namespace LostEngine.Tests.IO;

/// <summary>Builds .npy files byte by byte, so tests control every field, including wrong ones.</summary>
public static class NpyBytes
{
    /// <summary>Magic, version, header length, <paramref name="dict"/> padded with spaces and '\n' to 64 bytes, then <paramref name="data"/>.</summary>
    public static byte[] Build(string dict, ReadOnlySpan<byte> data, byte major = 1, byte minor = 0)
    {
        int preamble = major == 1 ? 10 : 12;
        var encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        int dictBytes = encoding.GetByteCount(dict);
        int total = (preamble + dictBytes + 1 + 63) / 64 * 64;
        string header = dict + new string(' ', total - preamble - dictBytes - 1) + "\n";
        var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, minor]);
        var length = new byte[preamble - 8];
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)encoding.GetByteCount(header));
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)encoding.GetByteCount(header));
        }
        stream.Write(length);
        stream.Write(encoding.GetBytes(header));
        stream.Write(data);
        return stream.ToArray();
    }

    /// <summary>The dict numpy writes for a C-order array of <paramref name="descr"/> and <paramref name="shape"/> (e.g. "(4, 2)").</summary>
    public static string Dict(string descr, string shape, string fortran = "False") =>
        $"{{'descr': '{descr}', 'fortran_order': {fortran}, 'shape': {shape}, }}";

    /// <summary>Little-endian float32 bytes of the values.</summary>
    public static byte[] Float32(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }
        return bytes;
    }

    /// <summary>Little-endian float64 bytes of the values.</summary>
    public static byte[] Float64(params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }
        return bytes;
    }

    /// <summary>One named malformed file for the error tests shared by the reader and the CLI.</summary>
    public static byte[] MalformedExample(string kind) => kind switch
    {
        "bad-magic" => WithByte(Build(Dict("<f4", "(4, 2)"), new byte[32]), 5, (byte)'X'),
        "fortran" => Build(Dict("<f4", "(4, 2)", fortran: "True"), new byte[32]),
        "truncated" => Build(Dict("<f4", "(4, 2)"), new byte[28]),
        "lying-header" => Build(Dict("<f4", "(2, 2)"), new byte[32]),
        "int-dtype" => Build(Dict("<i4", "(4, 2)"), new byte[32]),
        "huge-shape" => Build(Dict("<f4", "(2147483647, 1000)"), new byte[32]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such malformed example"),
    };

    private static byte[] WithByte(byte[] bytes, int index, byte value)
    {
        bytes[index] = value;
        return bytes;
    }
}
