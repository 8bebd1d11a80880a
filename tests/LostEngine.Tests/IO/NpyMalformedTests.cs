using System.Text;
using LostEngine.IO;

namespace LostEngine.Tests.IO;

/// <summary>Every way a .npy file can be wrong gives an <see cref="NpyFormatException"/> naming the file and the problem.</summary>
public sealed class NpyMalformedTests
{
    private const string Source = "keys.npy";

    private static NpyFormatException Fails(byte[] bytes, bool seekable = true, long maxElements = NpyReader.DefaultMaxElements)
    {
        Stream stream = seekable ? new MemoryStream(bytes) : new NonSeekableStream(bytes);
        var error = Assert.Throws<NpyFormatException>(() => NpyReader.Read(stream, Source, maxElements));
        Assert.StartsWith($"{Source}: ", error.Message);
        Assert.Equal(Source, error.InputName);
        Assert.IsAssignableFrom<LostInputException>(error);
        return error;
    }

    public static TheoryData<bool> BothStreamKinds => new(true, false);

    [Theory]
    [MemberData(nameof(BothStreamKinds))]
    public void Bad_magic(bool seekable)
    {
        var error = Fails(NpyBytes.MalformedExample("bad-magic"), seekable);
        Assert.Contains("bad magic: a .npy file starts with \\x93NUMPY, this one starts with \\x93NUMPX", error.Message);
    }

    [Fact]
    public void Empty_file_and_text_file_are_bad_magic()
    {
        Assert.Contains("bad magic", Fails([]).Message);
        Assert.Contains("the file is empty", Fails([]).Message);
        Assert.Contains("starts with id,x,", Fails(Encoding.ASCII.GetBytes("id,x,y\n1,2,3\n")).Message);
    }

    [Theory]
    [InlineData(4, 0)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    public void Unsupported_version(byte major, byte minor)
    {
        var error = Fails(NpyBytes.Build(NpyBytes.Dict("<f4", "(1,)"), NpyBytes.Float32(1f), major, minor));
        Assert.Contains($"unsupported format version {major}.{minor} (supported: 1.0, 2.0, 3.0)", error.Message);
    }

    [Theory]
    [MemberData(nameof(BothStreamKinds))]
    public void Header_length_beyond_the_file(bool seekable)
    {
        var bytes = NpyBytes.Build(NpyBytes.Dict("<f4", "(1,)"), []);
        bytes[8] = 0xff;
        bytes[9] = 0x7f;
        var error = Fails(bytes, seekable);
        Assert.Contains("header length 32767 bytes goes beyond the end of the file (118 bytes follow the length field)", error.Message);
    }

    [Fact]
    public void Header_length_of_version_2_beyond_the_file_allocates_nothing_from_it()
    {
        var bytes = NpyBytes.Build(NpyBytes.Dict("<f4", "(1,)"), [], major: 2);
        bytes[8] = bytes[9] = bytes[10] = bytes[11] = 0xff;
        Assert.Contains("header length 4294967295 bytes goes beyond the end of the file", Fails(bytes).Message);
        Assert.Contains("more than the limit", Fails(bytes, seekable: false).Message);
    }

    [Theory]
    [InlineData("[1, 2]", "header is not a dict: it holds a list of 2")]
    [InlineData("'<f4'", "header is not a dict: it holds the string '<f4'")]
    [InlineData("{'descr': '<f4', 'shape': (1,)}", "header has no 'fortran_order' key")]
    [InlineData("{'descr': '<f4', 'fortran_order': False}", "header has no 'shape' key")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}", "unexpected key 'extra'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,}", "header is not a Python dict literal: expected a value or ')' at column 54, found '}'")]
    [InlineData("{'descr': '<f4' 'fortran_order': False, 'shape': (1,)}", "expected ',' or '}' at column 17")]
    [InlineData("{'descr': '<f4, 'fortran_order': False, 'shape': (1,)}", "header is not a Python dict literal")]
    [InlineData("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,)}", "unknown name 'Maybe'")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}", "'fortran_order' must be True or False, found the integer 0")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': [1]}", "'shape' must be a tuple of integers, found a list of 1")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1)}", "'shape' must be a tuple of integers, found the integer 1")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': ('1',)}", "shape entry 0 is the string '1', not an integer")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} trailing", "expected end of header at column")]
    [InlineData("", "header is not a Python dict literal: expected a value at column 55, found the end of the header")]
    public void Header_not_a_valid_dict(string dict, string problem)
    {
        var error = Fails(NpyBytes.Build(dict, NpyBytes.Float32(1f)));
        Assert.Contains(problem, error.Message);
    }

    [Theory]
    [InlineData("{'descr': '\\x1b[31m<f4', 'fortran_order': False, 'shape': (1,), }", "unsupported dtype '\\x1b[31m<f4'")]
    [InlineData("{\u001b[2J", "expected a string key or '}' at column 2, found '\\x1b'")]
    [InlineData("{'descr': '\\u\n", "expected 4 hex digits after the escape at column 14, found '\\n'")]
    public void Control_characters_from_the_file_are_escaped_in_the_message(string dict, string problem)
    {
        // Found by fuzzing: a header's escape (or raw) control characters went into the message as they were, so a
        // file could put a line break, or a terminal escape sequence, into the one-line error.
        var error = Fails(NpyBytes.Build(dict, NpyBytes.Float32(1f)));
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain(error.Message, char.IsControl);
    }

    [Fact]
    public void Deeply_nested_header_is_refused_without_exhausting_the_stack()
    {
        string dict = "{'descr': " + new string('(', 10000) + new string(')', 10000) + "}";
        Assert.Contains("nested deeper than 32 levels", Fails(NpyBytes.Build(dict, [])).Message);
    }

    [Theory]
    [InlineData("<i4", "unsupported dtype '<i4'")]
    [InlineData("|u1", "unsupported dtype '|u1'")]
    [InlineData("<c8", "unsupported dtype '<c8'")]
    [InlineData("|f4", "byte order '|' means 'not applicable'")]
    [InlineData("", "unsupported dtype ''")]
    public void Unsupported_dtype_is_named(string descr, string problem)
    {
        var error = Fails(NpyBytes.Build(NpyBytes.Dict(descr, "(1,)"), NpyBytes.Float32(1f)));
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Structured_dtype_is_unsupported()
    {
        var bytes = NpyBytes.Build("{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (1,)}", NpyBytes.Float32(1f));
        Assert.Contains("unsupported dtype: 'descr' is a structured dtype", Fails(bytes).Message);
    }

    [Fact]
    public void Fortran_order()
    {
        Assert.Contains("fortran_order is True: only C-order arrays are supported", Fails(NpyBytes.MalformedExample("fortran")).Message);
    }

    [Theory]
    [InlineData("(3, -1)", "shape entry 1 is negative (-1)")]
    [InlineData("(4294967296, 1)", "shape entry 0 is 4294967296, more than 2147483647")]
    [InlineData("(2147483647, 2147483647, 2147483647)", "shape overflows")]
    [InlineData("(99999999999999999999,)", "does not fit in 64 bits")]
    public void Negative_or_overflowing_shape(string shape, string problem)
    {
        Assert.Contains(problem, Fails(NpyBytes.Build(NpyBytes.Dict("<f4", shape), NpyBytes.Float32(1f))).Message);
    }

    [Fact]
    public void Huge_shape_with_little_data_is_truncated_before_anything_is_allocated()
    {
        Assert.Contains("data truncated: shape (2147483647, 1000) of float32 needs 8589934588000 bytes, found 32",
            Fails(NpyBytes.MalformedExample("huge-shape")).Message);
        // A pipe has no length to check against; the element limit stops it instead.
        Assert.Contains("more than the limit of 268435456", Fails(NpyBytes.MalformedExample("huge-shape"), seekable: false).Message);
    }

    [Fact]
    public void Element_limit_is_checked_before_allocating()
    {
        var bytes = NpyBytes.Build(NpyBytes.Dict("<f4", "(4, 2)"), new byte[32]);
        Assert.Contains("shape (4, 2) has 8 elements, more than the limit of 7", Fails(bytes, maxElements: 7).Message);
    }

    [Theory]
    [MemberData(nameof(BothStreamKinds))]
    public void Data_truncated_says_expected_and_found(bool seekable)
    {
        Assert.Contains("data truncated: shape (4, 2) of float32 needs 32 bytes, found 28", Fails(NpyBytes.MalformedExample("truncated"), seekable).Message);
    }

    [Theory]
    [MemberData(nameof(BothStreamKinds))]
    public void Data_truncated_in_a_converted_type(bool seekable)
    {
        var bytes = NpyBytes.Build(NpyBytes.Dict("<f8", "(3,)"), new byte[20]);
        Assert.Contains("data truncated: shape (3,) of float64 needs 24 bytes, found 20", Fails(bytes, seekable).Message);
    }

    [Theory]
    [MemberData(nameof(BothStreamKinds))]
    public void Header_that_lies_about_its_size_leaves_trailing_bytes(bool seekable)
    {
        Assert.Contains("trailing bytes: shape (2, 2) of float32 needs 16 bytes, but 32 follow the header",
            Fails(NpyBytes.MalformedExample("lying-header"), seekable).Message);
    }

    [Fact]
    public void Version_3_header_must_be_utf8()
    {
        var bytes = NpyBytes.Build(NpyBytes.Dict("<f4", "(1,)"), NpyBytes.Float32(1f), major: 3);
        bytes[12] = 0xff;
        Assert.Contains("not valid UTF-8", Fails(bytes).Message);
    }
}
