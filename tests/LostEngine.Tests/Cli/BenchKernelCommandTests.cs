namespace LostEngine.Tests.Cli;

/// <summary><c>lost bench kernel</c> reports its measurement consistently, in text and JSON.</summary>
public sealed class BenchKernelCommandTests
{
    private static readonly string[] Quick = ["bench", "kernel", "--n", "60", "--d", "16", "--runs", "5", "--warmup", "1", "--probe-ms", "20"];

    [Fact]
    public void Json_holds_every_field_and_they_agree()
    {
        var run = CliRunner.Run([.. Quick, "--kernel", "scalar", "--threads", "2", "--json"]);

        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json;
        Assert.Equal(
            ["n", "d", "grid", "keys", "backend", "kernel", "threads", "runs", "median_ms", "min_ms", "p90_ms", "allocated_bytes_per_call", "gflops", "peak_gflops", "fraction_of_peak"],
            json.EnumerateObject().Select(p => p.Name));
        double median = BenchOutput.AssertSetupAndTiming(json, 60, [6, 10], "gaussian, seed 517", "scalar", threads: 2);
        double gflops = json.GetProperty("gflops").GetDouble();
        Assert.Equal(60.0 * 61 * 16 / (median / 1000) / 1e9, gflops, 0.01 * gflops + 1e-3);
        double peak = json.GetProperty("peak_gflops").GetDouble();
        Assert.True(peak > 0);
        Assert.Equal(gflops / peak, json.GetProperty("fraction_of_peak").GetDouble(), 1e-3);
    }

    [Fact]
    public void Text_names_the_setup_and_the_peak()
    {
        var run = CliRunner.Run([.. Quick, "--kernel", "scalar"]);

        BenchOutput.AssertText(run, "LOST kernel, N = 60, d = 16, grid 6x10, managed scalar, 1 thread; keys: gaussian, seed 517", runs: 5, warmup: 1);
        Assert.Contains("FMA peak ", run.Output);
    }

    [Theory]
    [InlineData("--n", "0", "--n: must be at least 1, got 0.")]
    [InlineData("--runs", "0", "--runs: must be at least 1, got 0.")]
    [InlineData("--kernel", "avx", "--kernel: 'avx' is not one of")]
    [InlineData("--probe-ms", "0", "--probe-ms: must be at least 1, got 0.")]
    public void Bad_options_are_exit_2(string option, string value, string problem)
    {
        string line = CliRunner.Run(Quick.With(option, value)).AssertBadInput();
        Assert.Contains(problem, line);
    }
}
