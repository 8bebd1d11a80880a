using LostEngine.IO;
using LostEngine.Tests.IO;

namespace LostEngine.Tests.Cli;

/// <summary>Bad input to <c>lost keys</c>: exit 2 and one line on stderr naming the input and the problem.</summary>
public sealed class KeysCommandErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string WriteKeys(string name, float[] values, params int[] shape)
    {
        string path = _folder.File(name);
        NpyWriter.WriteFloat32(path, values, shape);
        return path;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = _folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData("bad-magic", "bad magic")]
    [InlineData("fortran", "fortran_order is True")]
    [InlineData("truncated", "data truncated: shape (4, 2) of float32 needs 32 bytes, found 28")]
    [InlineData("lying-header", "trailing bytes")]
    [InlineData("int-dtype", "unsupported dtype '<i4'")]
    [InlineData("huge-shape", "data truncated: shape (2147483647, 1000) of float32 needs 8589934588000 bytes, found 32")]
    public void Malformed_npy_is_exit_2_with_one_line_naming_file_and_problem(string kind, string problem)
    {
        var bytes = NpyBytes.MalformedExample(kind);
        string path = WriteBytes(kind + ".npy", bytes);

        string line = CliRunner.Run("keys", path, "--grid", "2x2").AssertBadInput();

        Assert.StartsWith($"lost: {path}: ", line);
        Assert.Contains(problem, line);
    }

    [Fact]
    public void Missing_file_is_exit_2()
    {
        string line = CliRunner.Run("keys", _folder.File("absent.npy"), "--grid", "2x2").AssertBadInput();
        Assert.Contains("absent.npy: file not found", line);
    }

    [Theory]
    [InlineData("2y2")]
    [InlineData("2x")]
    [InlineData("0x4")]
    [InlineData("-2x2")]
    [InlineData("axb")]
    public void Bad_grid_syntax_is_exit_2(string grid)
    {
        string path = WriteKeys("k.npy", new float[8], 4, 2);
        string line = CliRunner.Run("keys", path, "--grid", grid).AssertBadInput();
        Assert.Contains($"--grid: '{grid}' is not ROWSxCOLS", line);
    }

    [Fact]
    public void Bad_image_size_syntax_is_exit_2()
    {
        string path = WriteKeys("k.npy", new float[8], 4, 2);
        string line = CliRunner.Run("keys", path, "--grid", "2x2", "--image-size", "32by32").AssertBadInput();
        Assert.Contains("--image-size: '32by32' is not HxW", line);
    }

    [Theory]
    [InlineData("--grid", "2147483647x2147483647", "--grid: 2147483647x2147483647 is 4611686014132420609 patches; one image has at most 1073741823.")]
    [InlineData("--grid", "1073741824x1", "--grid: 1073741824x1 is 1073741824 patches; one image has at most 1073741823.")]
    [InlineData("--patch", "2147483647",
        "--patch: cells of 2147483647 px on a 5x6 grid make a 10737418235x12884901882 px image; a side is at most 2147483647 px.")]
    [InlineData("--patch", "429496730", "--patch: cells of 429496730 px on a 5x6 grid make a 2147483650x2576980380 px image; a side is at most 2147483647 px.")]
    public void A_grid_or_patch_past_the_engines_integers_is_exit_2_naming_the_option(string option, string value, string message)
    {
        string path = WriteKeys("k.npy", new float[30 * 2], 30, 2);
        string line = CliRunner.Run(new[] { "keys", path, "--grid", "5x6" }.With(option, value)).AssertBadInput();
        Assert.Equal($"lost: {message}", line);
    }

    [Fact]
    public void Image_size_that_does_not_pad_to_the_grid_is_exit_2()
    {
        string path = WriteKeys("k.npy", new float[8], 4, 2);
        string line = CliRunner.Run("keys", path, "--grid", "2x2", "--patch", "16", "--image-size", "64x20").AssertBadInput();
        Assert.Equal("lost: --image-size: 64 px does not pad to 2 rows of 16 px (it must be in (16, 32]).", line);
    }

    [Fact]
    public void NaN_key_is_exit_2_naming_the_file_and_patch()
    {
        var values = Enumerable.Repeat(1f, 8).ToArray();
        values[5] = float.NaN;
        string path = WriteKeys("nan.npy", values, 4, 2);

        string line = CliRunner.Run("keys", path, "--grid", "2x2").AssertBadInput();

        Assert.StartsWith($"lost: {path}: ", line);
        Assert.Contains("patch 2", line);
        Assert.Contains("not finite", line);
    }

    [Fact]
    public void Cls_row_without_drop_cls_suggests_it()
    {
        string path = WriteKeys("cls.npy", new float[10], 1, 5, 2);
        string line = CliRunner.Run("keys", path, "--grid", "2x2").AssertBadInput();
        Assert.Contains("shape (1, 5, 2) has 5 rows = 2x2 + 1", line);
        Assert.Contains("add --drop-cls", line);
    }

    [Fact]
    public void Drop_cls_without_cls_row_says_so()
    {
        string path = WriteKeys("nocls.npy", new float[8], 4, 2);
        string line = CliRunner.Run("keys", path, "--grid", "2x2", "--drop-cls").AssertBadInput();
        Assert.Contains("no CLS row to drop", line);
    }

    [Fact]
    public void Wrong_patch_count_names_both_counts()
    {
        string path = WriteKeys("k.npy", new float[18], 9, 2);
        string line = CliRunner.Run("keys", path, "--grid", "2x3").AssertBadInput();
        Assert.Contains("shape (9, 2) has 9 rows, but a 2x3 grid needs 2x3 = 6", line);
    }

    [Fact]
    public void Batch_of_images_is_refused()
    {
        string path = WriteKeys("batch.npy", new float[16], 2, 4, 2);
        string line = CliRunner.Run("keys", path, "--grid", "2x2").AssertBadInput();
        Assert.Contains("batch of 2 images", line);
    }

    [Theory]
    [InlineData("--kernel", "v1024", "'v1024' is not one of auto, v512, v256, scalar")]
    [InlineData("--backend", "gpu", "'gpu' is not one of managed, cblas")]
    [InlineData("--threads", "0", "threads: must be at least 1")]
    public void Bad_kernel_options_are_exit_2(string option, string value, string problem)
    {
        string path = WriteKeys("k.npy", new float[8], 4, 2);
        string line = CliRunner.Run("keys", path, "--grid", "2x2", option, value).AssertBadInput();
        Assert.Contains(problem, line);
    }

    [Fact]
    public void Default_image_size_is_the_padded_grid_and_patch_defaults_to_16()
    {
        // One positive key per cell: every pair is similar, the component is the whole grid.
        string path = WriteKeys("ones.npy", Enumerable.Repeat(1f, 12).ToArray(), 6, 2);

        var run = CliRunner.Run("keys", path, "--grid", "2x3");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("{\"object\": true, \"seed\": 0, \"box\": [0, 0, 48, 32], \"box_patches\": [0, 0, 2, 3], \"component_size\": 6}\n", run.Output);
    }
}
