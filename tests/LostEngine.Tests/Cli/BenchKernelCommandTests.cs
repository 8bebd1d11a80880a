namespace LostEngine.Tests.Cli;

/// <summary><c>lost bench kernel</c> reports its measurement consistently, in text and JSON.</summary>
public sealed class BenchKernelCommandTests
{
    private static readonly string[] Quick = ["bench", "kernel", "--n", "60", "--d", "16", "--runs", "5", "--warmup", "1", "--probe-ms", "20"];

    // System.CommandLine refuses an option given twice, so a test's own value replaces the quick one.
    private static string[] QuickWith(string option, string value)
    {
        var args = Quick.ToList();
        int index = args.IndexOf(option);
        if (index >= 0)
        {
            args.RemoveRange(index, 2);
        }
        return [.. args, option, value];
    }

    [Fact]
    public void Json_holds_every_field_and_they_agree()
    {
        var run = CliRunner.Run([.. Quick, "--kernel", "scalar", "--threads", "2", "--json"]);

        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json;
        Assert.Equal(
            ["n", "d", "grid", "backend", "kernel", "threads", "runs", "median_ms", "min_ms", "p90_ms", "gflops", "peak_gflops", "fraction_of_peak", "allocated_bytes_per_call"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(60, json.GetProperty("n").GetInt32());
        Assert.Equal([6, 10], json.Ints("grid"));
        Assert.Equal("scalar", json.GetProperty("kernel").GetString());
        Assert.Equal("managed", json.GetProperty("backend").GetString());
        Assert.Equal(2, json.GetProperty("threads").GetInt32());
        double median = json.GetProperty("median_ms").GetDouble(), min = json.GetProperty("min_ms").GetDouble(), p90 = json.GetProperty("p90_ms").GetDouble();
        Assert.True(0 < min && min <= median && median <= p90, $"min {min}, median {median}, p90 {p90}");
        double gflops = json.GetProperty("gflops").GetDouble();
        Assert.Equal(60.0 * 61 * 16 / (median / 1000) / 1e9, gflops, 0.01 * gflops + 1e-3);
        double peak = json.GetProperty("peak_gflops").GetDouble();
        Assert.True(peak > 0);
        Assert.Equal(gflops / peak, json.GetProperty("fraction_of_peak").GetDouble(), 1e-3);
        Assert.Equal(0, json.GetProperty("allocated_bytes_per_call").GetInt64());
    }

    [Fact]
    public void Text_names_the_setup_and_the_peak()
    {
        var run = CliRunner.Run([.. Quick, "--kernel", "scalar"]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("LOST kernel, N = 60, d = 16, grid 6x10, managed scalar, 1 thread\n", run.Output);
        Assert.Contains("5 timed calls after 1 warm-up: median ", run.Output);
        Assert.Contains("FMA peak ", run.Output);
        Assert.Contains("allocated 0 bytes per call", run.Output);
    }

    [Theory]
    [InlineData("--n", "0", "--n: must be at least 1, got 0.")]
    [InlineData("--runs", "0", "--runs: must be at least 1, got 0.")]
    [InlineData("--kernel", "avx", "--kernel: 'avx' is not one of")]
    public void Bad_options_are_exit_2(string option, string value, string problem)
    {
        string line = CliRunner.Run(QuickWith(option, value)).AssertBadInput();
        Assert.Contains(problem, line);
    }
}
