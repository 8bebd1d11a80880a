using System.Text.Json;
using LostEngine.IO;

namespace LostEngine.Tests.Detectors;

public class PythonTextTests
{
    [Fact]
    public void Floats_are_written_as_python_repr_writes_them()
    {
        using JsonDocument fixture = DetectorFixtures.Json("python_floats.json");
        foreach (JsonElement item in fixture.RootElement.EnumerateArray())
        {
            double value = item.GetProperty("value").GetDouble();
            Assert.Equal(item.GetProperty("repr").GetString(), PythonFloatText.Format(value));
        }
    }

    [Theory]
    [InlineData("5", 5L)]
    [InlineData("000005", 5L)]
    [InlineData(" 12 ", 12L)]
    [InlineData("+7", 7L)]
    [InlineData("-3", -3L)]
    [InlineData("2008_000008", 2008000008L)]
    [InlineData("1_2_3", 123L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Integer_text_reads_as_python_int_reads_it(string text, long expected)
    {
        Assert.True(PythonIntText.TryParse(text, out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("_5")]
    [InlineData("5_")]
    [InlineData("1__2")]
    [InlineData("5.0")]
    [InlineData("0x10")]
    [InlineData("- 5")]
    [InlineData("9223372036854775808")]
    [InlineData("abc")]
    public void Text_python_int_refuses_is_refused(string text) => Assert.False(PythonIntText.TryParse(text, out _));
}
