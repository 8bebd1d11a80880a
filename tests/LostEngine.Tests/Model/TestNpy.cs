using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace LostEngine.Tests.Model;

/// <summary>A float32 .npy array read back for tests: shape and values, C order.</summary>
internal sealed record NpyArray(int[] Shape, float[] Values);

/// <summary>The smallest .npy reader the tests need: version 1.x or 2.x, little-endian float32, C order only.</summary>
internal static partial class TestNpy
{
    public static NpyArray Read(string path) => Read(File.ReadAllBytes(path), path);

    public static NpyArray Read(byte[] bytes, string name)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            throw new InvalidDataException($"{name}: not an .npy file.");
        }
        int major = bytes[6];
        int headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        int headerStart = major == 1 ? 10 : 12;
        string header = Encoding.ASCII.GetString(bytes, headerStart, headerLength);
        if (!header.Contains("'descr': '<f4'") || !header.Contains("'fortran_order': False"))
        {
            throw new InvalidDataException($"{name}: expected little-endian float32 in C order, header {header}.");
        }
        var shapeText = ShapePattern().Match(header).Groups[1].Value;
        int[] shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        int dataStart = headerStart + headerLength;
        var values = new float[(bytes.Length - dataStart) / 4];
        Buffer.BlockCopy(bytes, dataStart, values, 0, values.Length * 4);
        if (values.Length != shape.Aggregate(1, (a, b) => a * b))
        {
            throw new InvalidDataException($"{name}: {values.Length} values for shape ({shapeText}).");
        }
        return new NpyArray(shape, values);
    }

    [GeneratedRegex(@"'shape': \(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
