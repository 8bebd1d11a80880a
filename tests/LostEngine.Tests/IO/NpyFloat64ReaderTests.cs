using System.Buffers.Binary;
using LostEngine.IO;

namespace LostEngine.Tests.IO;

/// <summary><see cref="NpyReader.ReadFloat64"/>: float64 data keeps every bit, narrower types widen exactly, and it refuses what the float32 reader refuses.</summary>
public sealed class NpyFloat64ReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string name, byte[] bytes)
    {
        string path = _folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Float64_values_keep_every_bit()
    {
        double[] values = [0.1, 1.0 / 3.0, 1e-300, -2.5e300, double.Epsilon, 16777217.0];
        string path = Write("f8.npy", NpyBytes.Build(NpyBytes.Dict("<f8", "(2, 3)"), NpyBytes.Float64(values)));

        var array = NpyReader.ReadFloat64(path);

        Assert.Equal(values, array.Values);
        Assert.Equal([2, 3], array.Shape);
        Assert.Equal(NpyElementType.Float64, array.StoredAs);
    }

    [Fact]
    public void Big_endian_float64_and_float32_widen_exactly()
    {
        var big = new byte[16];
        BinaryPrimitives.WriteDoubleBigEndian(big, 0.1);
        BinaryPrimitives.WriteDoubleBigEndian(big.AsSpan(8), -7.25);
        string f8 = Write("big.npy", NpyBytes.Build(NpyBytes.Dict(">f8", "(2,)"), big));
        string f4 = Write("f4.npy", NpyBytes.Build(NpyBytes.Dict("<f4", "(2,)"), NpyBytes.Float32(0.1f, 3f)));

        Assert.Equal([0.1, -7.25], NpyReader.ReadFloat64(f8).Values);
        Assert.Equal([(double)0.1f, 3.0], NpyReader.ReadFloat64(f4).Values);
    }

    [Theory]
    [InlineData("truncated", "data truncated")]
    [InlineData("lying-header", "trailing bytes")]
    [InlineData("int-dtype", "unsupported dtype")]
    [InlineData("huge-shape", "data truncated")]
    public void Malformed_files_are_refused_naming_them(string kind, string problem)
    {
        string path = Write(kind + ".npy", NpyBytes.MalformedExample(kind));

        var error = Assert.Throws<NpyFormatException>(() => NpyReader.ReadFloat64(path));

        Assert.Equal(path, error.InputName);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void More_elements_than_the_limit_are_refused_before_allocating()
    {
        string path = Write("big.npy", NpyBytes.Build(NpyBytes.Dict("<f8", "(4, 2)"), NpyBytes.Float64(new double[8])));

        var error = Assert.Throws<NpyFormatException>(() => NpyReader.ReadFloat64(path, maxElements: 7));

        Assert.Contains("more than the limit of 7", error.Message);
    }
}
