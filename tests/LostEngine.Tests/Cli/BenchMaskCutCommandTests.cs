namespace LostEngine.Tests.Cli;

/// <summary><c>lost bench maskcut</c> reports its measurement and what each round did, in text and JSON.</summary>
public sealed class BenchMaskCutCommandTests
{
    private static readonly string[] Quick = ["bench", "maskcut", "--grid", "12x16", "--d", "32", "--runs", "3", "--warmup", "1"];

    [Fact]
    public void Json_holds_every_field_and_the_rounds_add_up()
    {
        var run = CliRunner.Run([.. Quick, "--rounds", "4", "--kernel", "scalar", "--threads", "2", "--json"]);

        Assert.True(run.ExitCode == 0, run.Error);
        var json = run.Json;
        Assert.Equal(
            ["n", "d", "grid", "keys", "backend", "kernel", "threads", "runs", "tau", "eps", "rounds", "median_ms", "min_ms", "p90_ms",
             "allocated_bytes_per_call", "iterations", "objects", "per_round"],
            json.EnumerateObject().Select(p => p.Name));
        BenchOutput.AssertSetupAndTiming(json, 192, [12, 16], "2 objects, seed 517", "scalar", threads: 2);
        Assert.Equal(0.15, json.GetProperty("tau").GetDouble(), 1e-6);
        Assert.Equal(4, json.GetProperty("rounds").GetInt32());

        var rounds = json.GetProperty("per_round").EnumerateArray().ToArray();
        Assert.Equal([0, 1, 2, 3], rounds.Select(r => r.GetProperty("round").GetInt32()));
        Assert.All(rounds, r => Assert.Equal(
            ["round", "solved", "iterations", "mask_size", "dropped", "sign", "object"], r.EnumerateObject().Select(p => p.Name)));
        Assert.True(rounds[0].GetProperty("solved").GetBoolean());
        Assert.Equal(rounds.Sum(r => r.GetProperty("iterations").GetInt32()), json.GetProperty("iterations").GetInt32());
        Assert.All(rounds.Where(r => !r.GetProperty("solved").GetBoolean()), r => Assert.Equal(0, r.GetProperty("iterations").GetInt32()));
        int objects = json.GetProperty("objects").GetInt32();
        Assert.InRange(objects, 1, 4);
        Assert.Equal(objects, rounds.Count(r => r.GetProperty("object").GetInt32() >= 0));
    }

    [Fact]
    public void Text_names_the_setup_and_each_round()
    {
        var run = CliRunner.Run([.. Quick, "--kernel", "scalar"]);

        BenchOutput.AssertText(run, "MaskCut (3 rounds, tau 0.15, eps 1e-05), N = 192, d = 32, grid 12x16, managed scalar, 1 thread; keys: 2 objects, seed 517", runs: 3, warmup: 1);
        Assert.Contains("  round 0: ", run.Output);
        Assert.Contains("  round 2: ", run.Output);
        Assert.Contains(" graph products per call", run.Output);
    }

    [Theory]
    [InlineData("--rounds", "0", "--rounds: must be between 1 and 64, got 0.")]
    [InlineData("--tau", "1.5", "--tau: must be a number in [-1, 1]")]
    [InlineData("--eps", "2", "--eps: must be in (0, 1]")]
    [InlineData("--kernel", "avx", "--kernel: 'avx' is not one of")]
    public void Bad_options_are_exit_2(string option, string value, string problem)
    {
        string line = CliRunner.Run(Quick.With(option, value)).AssertBadInput();
        Assert.Contains(problem, line);
    }
}
