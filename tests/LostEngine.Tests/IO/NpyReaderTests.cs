using System.Buffers.Binary;
using LostEngine.IO;

namespace LostEngine.Tests.IO;

/// <summary>Well-formed .npy files of every supported type, version and byte order read back to the values written.</summary>
public sealed class NpyReaderTests
{
    private static NpyArray ReadBytes(byte[] bytes, bool seekable = true) =>
        NpyReader.Read(seekable ? new MemoryStream(bytes) : new NonSeekableStream(bytes), "test.npy");

    [Theory]
    [InlineData(new[] { 3, 4 })]
    [InlineData(new[] { 1, 5, 2 })]
    [InlineData(new[] { 7 })]
    [InlineData(new int[0])]
    [InlineData(new[] { 0, 3 })]
    public void Float32_round_trips_through_the_writer(int[] shape)
    {
        var values = Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(i => i * 0.37f - 2.5f).ToArray();
        var stream = new MemoryStream();
        NpyWriter.WriteFloat32(stream, values, shape);

        foreach (bool seekable in new[] { true, false })
        {
            var array = ReadBytes(stream.ToArray(), seekable);
            Assert.Equal(values, array.Values);
            Assert.Equal(shape, array.Shape);
            Assert.Equal(NpyElementType.Float32, array.StoredAs);
        }
    }

    [Fact]
    public void Writer_pads_the_header_to_64_bytes_ending_in_a_newline()
    {
        var stream = new MemoryStream();
        NpyWriter.WriteFloat32(stream, [1f, 2f], [2]);
        var bytes = stream.ToArray();
        // numpy's own header for this array is 128 bytes: 10 of preamble, the dict, spaces and '\n'.
        Assert.Equal(128 + 8, bytes.Length);
        Assert.Equal((byte)'\n', bytes[127]);
        Assert.Equal(1, bytes[6]);
        Assert.Equal(2f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(132)));
    }

    [Fact]
    public void Float16_is_converted_to_float32()
    {
        float[] expected = [1f, -2.5f, 0.5f, 65504f, 0f, 0.099975586f];
        var data = new byte[expected.Length * 2];
        for (int i = 0; i < expected.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(i * 2), (Half)expected[i]);
        }

        var array = ReadBytes(NpyBytes.Build(NpyBytes.Dict("<f2", "(2, 3)"), data));

        Assert.Equal(expected, array.Values);
        Assert.Equal([2, 3], array.Shape);
        Assert.Equal(NpyElementType.Float16, array.StoredAs);
    }

    [Fact]
    public void Float64_is_converted_to_float32()
    {
        double[] stored = [1.0, -2.5, 1e-3, 123456.789, Math.PI];
        var data = new byte[stored.Length * 8];
        for (int i = 0; i < stored.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(i * 8), stored[i]);
        }

        foreach (bool seekable in new[] { true, false })
        {
            var array = ReadBytes(NpyBytes.Build(NpyBytes.Dict("<f8", "(5,)"), data), seekable);
            Assert.Equal(stored.Select(v => (float)v), array.Values);
            Assert.Equal(NpyElementType.Float64, array.StoredAs);
        }
    }

    [Theory]
    [InlineData(">f4", 4)]
    [InlineData(">f8", 8)]
    [InlineData(">f2", 2)]
    public void Big_endian_data_is_byte_swapped(string descr, int size)
    {
        float[] expected = [1.5f, -3f, 0.25f];
        var data = new byte[expected.Length * size];
        for (int i = 0; i < expected.Length; i++)
        {
            var slot = data.AsSpan(i * size, size);
            switch (size)
            {
                case 2: BinaryPrimitives.WriteHalfBigEndian(slot, (Half)expected[i]); break;
                case 4: BinaryPrimitives.WriteSingleBigEndian(slot, expected[i]); break;
                default: BinaryPrimitives.WriteDoubleBigEndian(slot, expected[i]); break;
            }
        }

        Assert.Equal(expected, ReadBytes(NpyBytes.Build(NpyBytes.Dict(descr, "(3,)"), data)).Values);
    }

    [Theory]
    [InlineData("=f4")]
    [InlineData("f4")]
    [InlineData("<f4")]
    public void Native_and_bare_float32_descr_are_accepted(string descr)
    {
        var array = ReadBytes(NpyBytes.Build(NpyBytes.Dict(descr, "(2,)"), NpyBytes.Float32(4f, -1f)));
        Assert.Equal([4f, -1f], array.Values);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Versions_2_and_3_read_like_version_1(byte major)
    {
        var array = ReadBytes(NpyBytes.Build(NpyBytes.Dict("<f4", "(1, 2)"), NpyBytes.Float32(7f, 8f), major));
        Assert.Equal([7f, 8f], array.Values);
        Assert.Equal([1, 2], array.Shape);
    }

    [Theory]
    [InlineData("{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2, 1)}")]
    [InlineData("{'shape':(2,1),'fortran_order':False,'descr':'<f4'}")]
    [InlineData("{ 'descr' : '<f4' ,\n 'fortran_order' : False , 'shape' : ( 2 , 1 , ) , }")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 1L), }")]
    public void Header_dict_spelled_differently_is_parsed(string dict)
    {
        var array = ReadBytes(NpyBytes.Build(dict, NpyBytes.Float32(1f, 2f)));
        Assert.Equal([2, 1], array.Shape);
    }

    [Fact]
    public void Data_can_be_read_into_a_caller_buffer()
    {
        var bytes = NpyBytes.Build(NpyBytes.Dict("<f4", "(3,)"), NpyBytes.Float32(1f, 2f, 3f));
        var stream = new MemoryStream(bytes);

        var header = NpyReader.ReadHeader(stream, "buffer.npy");
        var buffer = new float[header.ElementCount];
        NpyReader.ReadData(stream, "buffer.npy", header, buffer);

        Assert.Equal(128, header.DataOffset);
        Assert.Equal([1f, 2f, 3f], buffer);
    }

    [Fact]
    public void Caller_buffer_of_the_wrong_length_is_refused()
    {
        var stream = new MemoryStream(NpyBytes.Build(NpyBytes.Dict("<f4", "(3,)"), NpyBytes.Float32(1f, 2f, 3f)));
        var header = NpyReader.ReadHeader(stream, "buffer.npy");

        var error = Assert.Throws<LostInputException>(() => NpyReader.ReadData(stream, "buffer.npy", header, new float[2]));

        Assert.Contains("holds 2 values, but buffer.npy has shape (3,) = 3 elements", error.Message);
    }

    [Fact]
    public void Reading_a_file_by_path_works_and_a_missing_one_is_an_input_error()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lostengine-npy-{Guid.NewGuid():N}.npy");
        try
        {
            NpyWriter.WriteFloat32(path, [1f, 2f, 3f, 4f], [2, 2]);
            Assert.Equal([1f, 2f, 3f, 4f], NpyReader.Read(path).Values);
        }
        finally
        {
            File.Delete(path);
        }
        var error = Assert.Throws<LostInputException>(() => NpyReader.Read(path));
        Assert.Equal($"{path}: file not found.", error.Message);
    }

    [Fact]
    public void Writer_refuses_a_shape_that_does_not_match_the_values()
    {
        var error = Assert.Throws<LostInputException>(() => NpyWriter.WriteFloat32(new MemoryStream(), [1f, 2f, 3f], [2, 2]));
        Assert.Contains("has 4 elements, but 3 values were given", error.Message);
    }
}
