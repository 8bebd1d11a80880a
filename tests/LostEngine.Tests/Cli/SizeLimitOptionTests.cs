using LostEngine.IO;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Cli;

/// <summary>
/// Sizes past what the engine's integers hold (a grid, a patch, a bench size) are one line naming the option the
/// user typed, exit 2, before anything is allocated; not a wrapped-around negative size or an overflow exception.
/// </summary>
public sealed class SizeLimitOptionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Keys()
    {
        string path = _folder.File("k.npy");
        NpyWriter.WriteFloat32(path, Enumerable.Range(0, 30 * 8).Select(i => (float)(i % 7 - 3)).ToArray(), [30, 8]);
        return path;
    }

    [Theory]
    [InlineData("--grid", "2147483647x2147483647", "--grid: 2147483647x2147483647 is 4611686014132420609 patches; one image has at most 1073741823.")]
    [InlineData("--grid", "1073741824x1", "--grid: 1073741824x1 is 1073741824 patches; one image has at most 1073741823.")]
    [InlineData("--patch", "2147483647",
        "--patch: cells of 2147483647 px on a 5x6 grid make a 10737418235x12884901882 px image; a side is at most 2147483647 px.")]
    [InlineData("--patch", "429496730", "--patch: cells of 429496730 px on a 5x6 grid make a 2147483650x2576980380 px image; a side is at most 2147483647 px.")]
    public void Keys_grid_and_patch_beyond_the_limits_name_the_option(string option, string value, string message)
    {
        string line = CliRunner.Run(new[] { "keys", Keys(), "--grid", "5x6" }.With(option, value)).AssertBadInput();
        Assert.Equal($"lost: {message}", line);
    }

    [Theory]
    [InlineData("kernel", "--n", "2000000000", "--n: 40000x50000 is 2000000000 patches; one image has at most 1073741823.")]
    [InlineData("tokencut", "--n", "2000000000", "--n: 40000x50000 is 2000000000 patches; one image has at most 1073741823.")]
    [InlineData("maskcut", "--n", "2147483647", "--n: 1x2147483647 is 2147483647 patches; one image has at most 1073741823.")]
    [InlineData("kernel", "--n", "10000000", "--n: 10000000 patches of 384-wide keys (--d) are 3840000000 values; one array holds at most 2147483591.")]
    [InlineData("kernel", "--n", "200000033", "--n: cells of 16 px on a 1x200000033 grid make a 16x3200000528 px image; a side is at most 2147483647 px.")]
    [InlineData("kernel", "--grid", "2147483647x2147483647", "--grid: 2147483647x2147483647 is 4611686014132420609 patches; one image has at most 1073741823.")]
    public void Bench_sizes_beyond_the_limits_name_the_option(string method, string option, string value, string message)
    {
        string line = CliRunner.Run("bench", method, option, value, "--d", option == "--n" && value == "200000033" ? "1" : "384", "--runs", "1").AssertBadInput();
        Assert.Equal($"lost: {message}", line);
    }

    [Fact]
    public void A_bench_pipeline_size_above_the_pixel_limit_names_size()
    {
        string line = CliRunner.Run("bench", "pipeline", "--model", Fixtures.TinyModel, "--size", "2147483647x2147483647").AssertBadInput();
        Assert.Equal("lost: --size: 2147483647x2147483647 is 4611686014132420609 pixels, above the limit of 50000000 pixels.", line);
    }
}
