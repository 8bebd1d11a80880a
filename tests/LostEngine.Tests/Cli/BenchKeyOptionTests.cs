using LostEngine.Diagnostics;
using LostEngine.IO;

namespace LostEngine.Tests.Cli;

/// <summary>
/// The keys options every <c>lost bench</c> method command shares: synthetic keys of either kind, a keys file with
/// its grid (and CLS row), <c>--save-keys</c>, and one line naming the option for each contradiction.
/// </summary>
public sealed class BenchKeyOptionTests : IDisposable
{
    private static readonly string[] Timing = ["--runs", "1", "--warmup", "0", "--json"];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Methods() => new("kernel", "tokencut", "maskcut");

    private static CliRun Bench(string method, params string[] args) =>
        CliRunner.Run(["bench", method, .. args, .. Timing, .. method == "kernel" ? new[] { "--probe-ms", "5" } : []]);

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_keys_file_with_its_grid_is_timed_and_named(string method)
    {
        var scene = SyntheticKeys.WithObjects(6, 8, 16, objects: 1);
        string path = _folder.File("keys.npy");
        NpyWriter.WriteFloat32(path, scene.Keys, [48, 16]);

        var run = Bench(method, "--keys", path, "--grid", "6x8");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(48, run.Json.GetProperty("n").GetInt32());
        Assert.Equal(16, run.Json.GetProperty("d").GetInt32());
        Assert.Equal([6, 8], run.Json.Ints("grid"));
        Assert.Equal(path, run.Json.GetProperty("keys").GetString());
    }

    [Fact]
    public void Drop_cls_skips_the_first_of_N_plus_1_rows()
    {
        var scene = SyntheticKeys.WithObjects(6, 8, 16, objects: 1);
        string plain = _folder.File("plain.npy"), withCls = _folder.File("cls.npy");
        NpyWriter.WriteFloat32(plain, scene.Keys, [48, 16]);
        NpyWriter.WriteFloat32(withCls, [.. Enumerable.Repeat(7f, 16), .. scene.Keys], [1, 49, 16]);

        var expected = Bench("tokencut", "--keys", plain, "--grid", "6x8").Json;
        var run = Bench("tokencut", "--keys", withCls, "--grid", "6x8", "--drop-cls");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(expected.Ints("box"), run.Json.Ints("box"));
        Assert.Equal(expected.GetProperty("iterations").GetInt32(), run.Json.GetProperty("iterations").GetInt32());
    }

    [Fact]
    public void Saved_keys_are_the_synthetic_keys_and_time_the_same_cut_when_read_back()
    {
        string path = _folder.File("saved.npy");

        var synthetic = Bench("tokencut", "--grid", "12x16", "--d", "24", "--objects", "1", "--save-keys", path);
        var fromFile = Bench("tokencut", "--keys", path, "--grid", "12x16");

        Assert.True(synthetic.ExitCode == 0, synthetic.Error);
        Assert.True(fromFile.ExitCode == 0, fromFile.Error);
        var saved = NpyReader.Read(path);
        Assert.Equal([192, 24], saved.Shape);
        Assert.Equal(SyntheticKeys.WithObjects(12, 16, 24, objects: 1).Keys, saved.Values);
        Assert.Equal(synthetic.Json.Ints("box"), fromFile.Json.Ints("box"));
        Assert.Equal(synthetic.Json.GetProperty("iterations").GetInt32(), fromFile.Json.GetProperty("iterations").GetInt32());
    }

    [Theory]
    [InlineData("kernel", "gaussian, seed 517")]
    [InlineData("tokencut", "2 objects, seed 517")]
    [InlineData("maskcut", "2 objects, seed 517")]
    public void Each_command_has_its_default_kind_of_synthetic_keys(string method, string keys)
    {
        var run = Bench(method, "--n", "48", "--d", "8");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(keys, run.Json.GetProperty("keys").GetString());
        Assert.Equal([6, 8], run.Json.Ints("grid"));
    }

    [Fact]
    public void Bench_kernel_times_LOST_on_object_keys_too()
    {
        var run = Bench("kernel", "--grid", "6x8", "--d", "8", "--keys-kind", "objects", "--objects", "1");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("1 object, seed 517", run.Json.GetProperty("keys").GetString());
    }

    [Theory]
    [InlineData("--n", "0", "--n: must be at least 1, got 0.")]
    [InlineData("--d", "0", "--d: must be at least 1, got 0.")]
    [InlineData("--grid", "3y4", "--grid: '3y4' is not ROWSxCOLS")]
    [InlineData("--keys-kind", "noise", "--keys-kind: 'noise' is not one of gaussian, objects.")]
    [InlineData("--objects", "-1", "--objects: must be at least 0, got -1.")]
    [InlineData("--objects", "40", "--objects: 40 objects do not fit on a 30x40 grid one cell apart.")]
    public void Bad_synthetic_key_options_are_exit_2(string option, string value, string problem)
    {
        string line = Bench("tokencut", option, value).AssertBadInput();
        Assert.Contains(problem, line);
    }

    [Fact]
    public void Contradicting_options_are_exit_2_naming_the_option()
    {
        string path = _folder.File("k.npy");
        NpyWriter.WriteFloat32(path, new float[12 * 4], [12, 4]);

        Assert.Contains("--grid: is required with --keys", Bench("tokencut", "--keys", path).AssertBadInput());
        Assert.Contains("--n: cannot be used with --keys", Bench("tokencut", "--keys", path, "--grid", "3x4", "--n", "12").AssertBadInput());
        Assert.Contains("--d: cannot be used with --keys", Bench("kernel", "--keys", path, "--grid", "3x4", "--d", "4").AssertBadInput());
        Assert.Contains("--keys-kind: cannot be used with --keys", Bench("maskcut", "--keys", path, "--grid", "3x4", "--keys-kind", "objects").AssertBadInput());
        Assert.Contains("--drop-cls: applies only to --keys", Bench("tokencut", "--drop-cls").AssertBadInput());
        Assert.Contains("--n: 100 is not the 12 patches of --grid 3x4", Bench("tokencut", "--n", "100", "--grid", "3x4").AssertBadInput());
        Assert.Contains("--objects: applies only to --keys-kind objects", Bench("kernel", "--objects", "1").AssertBadInput());
    }

    [Fact]
    public void A_keys_file_that_does_not_fit_the_grid_is_exit_2_naming_the_file()
    {
        string path = _folder.File("k.npy");
        NpyWriter.WriteFloat32(path, new float[13 * 4], [13, 4]);

        string line = Bench("tokencut", "--keys", path, "--grid", "3x4").AssertBadInput();

        Assert.StartsWith($"lost: {path}: shape (13, 4) has 13 rows = 3x4 + 1", line);
    }

    [Fact]
    public void Keys_that_cannot_be_saved_are_exit_2_naming_save_keys()
    {
        string notAFolder = _folder.Write("not-a-folder", "a file");
        string line = Bench("tokencut", "--n", "12", "--d", "4", "--save-keys", Path.Combine(notAFolder, "k.npy")).AssertBadInput();
        Assert.StartsWith("lost: --save-keys: cannot write ", line);
    }

    [Theory]
    [InlineData("kernel", "--n 2000000000", "--n: 40000x50000 is 2000000000 patches; one image has at most 1073741823.")]
    [InlineData("tokencut", "--n 2000000000", "--n: 40000x50000 is 2000000000 patches; one image has at most 1073741823.")]
    [InlineData("maskcut", "--n 2147483647", "--n: 1x2147483647 is 2147483647 patches; one image has at most 1073741823.")]
    [InlineData("kernel", "--n 10000000", "--n: 10000000 patches of 384-wide keys (--d) are 3840000000 values; one array holds at most 2147483591.")]
    [InlineData("tokencut", "--grid 3000x4000 --d 200", "--grid: 12000000 patches of 200-wide keys (--d) are 2400000000 values; one array holds at most 2147483591.")]
    [InlineData("kernel", "--n 200000033 --d 1", "--n: cells of 16 px on a 1x200000033 grid make a 16x3200000528 px image; a side is at most 2147483647 px.")]
    [InlineData("kernel", "--grid 2147483647x2147483647", "--grid: 2147483647x2147483647 is 4611686014132420609 patches; one image has at most 1073741823.")]
    [InlineData("maskcut", "--keys k.npy --grid 1x200000000", "--grid: cells of 16 px on a 1x200000000 grid make a 16x3200000000 px image; a side is at most 2147483647 px.")]
    public void Sizes_past_the_engines_integers_are_exit_2_naming_the_option_before_any_key_is_made(string method, string options, string message)
    {
        string line = Bench(method, options.Split(' ')).AssertBadInput();
        Assert.Equal($"lost: {message}", line);
    }
}
