namespace LostEngine.Tests.Cli;

/// <summary><c>lost bench tokencut</c> reports its measurement, and LOST's on the same keys, in text and JSON.</summary>
public sealed class BenchTokenCutCommandTests
{
    private static readonly string[] Quick = ["bench", "tokencut", "--grid", "12x16", "--d", "32", "--runs", "3", "--warmup", "1"];

    [Fact]
    public void Json_holds_every_field_and_they_agree()
    {
        var run = CliRunner.Run([.. Quick, "--kernel", "scalar", "--threads", "2", "--json"]);

        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json;
        Assert.Equal(
            ["n", "d", "grid", "keys", "backend", "kernel", "threads", "runs", "tau", "eps", "median_ms", "min_ms", "p90_ms",
             "allocated_bytes_per_call", "iterations", "object", "box", "component_size", "ncut_value", "eigengap",
             "lost_median_ms", "ratio_to_lost"],
            json.EnumerateObject().Select(p => p.Name));
        double median = BenchOutput.AssertSetupAndTiming(json, 192, [12, 16], "2 objects, seed 517", "scalar", threads: 2);
        Assert.Equal(32, json.GetProperty("d").GetInt32());
        Assert.Equal(0.2, json.GetProperty("tau").GetDouble(), 1e-6);
        Assert.Equal(1e-5, json.GetProperty("eps").GetDouble());
        Assert.True(json.GetProperty("iterations").GetInt32() > 0);
        Assert.True(json.GetProperty("object").GetBoolean());
        Assert.Equal(4, json.Ints("box").Length);
        double lost = json.GetProperty("lost_median_ms").GetDouble();
        Assert.True(lost > 0);
        Assert.Equal(median / lost, json.GetProperty("ratio_to_lost").GetDouble(), 0.01 * median / lost);
    }

    [Fact]
    public void Text_names_the_setup_the_cut_and_LOST()
    {
        var run = CliRunner.Run([.. Quick, "--kernel", "scalar"]);

        BenchOutput.AssertText(run, "TokenCut (tau 0.2, eps 1e-05), N = 192, d = 32, grid 12x16, managed scalar, 1 thread; keys: 2 objects, seed 517", runs: 3, warmup: 1);
        Assert.Contains(" graph products per call; box [", run.Output);
        Assert.Contains("LOST on the same keys: median ", run.Output);
        Assert.Contains("(target at most 2.5)", run.Output);
    }

    [Fact]
    public void Keys_without_an_object_say_why()
    {
        var run = CliRunner.Run([.. Quick, "--objects", "0", "--tau", "-1", "--json"]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.False(run.Json.GetProperty("object").GetBoolean());
        Assert.StartsWith("No clear cut", run.Json.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("--tau", "2", "--tau: must be a number in [-1, 1]")]
    [InlineData("--eps", "0", "--eps: must be in (0, 1]")]
    [InlineData("--runs", "0", "--runs: must be at least 1, got 0.")]
    [InlineData("--warmup", "-1", "--warmup: must be at least 0, got -1.")]
    [InlineData("--threads", "0", "--threads: must be at least 1, got 0.")]
    [InlineData("--backend", "gpu", "--backend: 'gpu' is not one of")]
    public void Bad_options_are_exit_2(string option, string value, string problem)
    {
        string line = CliRunner.Run(Quick.With(option, value)).AssertBadInput();
        Assert.Contains(problem, line);
    }
}
