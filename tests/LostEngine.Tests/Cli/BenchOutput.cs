using System.Text.Json;

namespace LostEngine.Tests.Cli;

/// <summary>What every <c>lost bench</c> method command prints alike, in JSON and in text, checked in one place.</summary>
internal static class BenchOutput
{
    /// <summary>
    /// Asserts the setup fields the run was given (managed backend), min ≤ median ≤ p90, and no allocation per call;
    /// returns the median.
    /// </summary>
    public static double AssertSetupAndTiming(JsonElement json, int n, int[] grid, string keys, string kernel, int threads)
    {
        Assert.Equal(n, json.GetProperty("n").GetInt32());
        Assert.Equal(grid, json.Ints("grid"));
        Assert.Equal(keys, json.GetProperty("keys").GetString());
        Assert.Equal("managed", json.GetProperty("backend").GetString());
        Assert.Equal(kernel, json.GetProperty("kernel").GetString());
        Assert.Equal(threads, json.GetProperty("threads").GetInt32());
        double median = json.GetProperty("median_ms").GetDouble(), min = json.GetProperty("min_ms").GetDouble(), p90 = json.GetProperty("p90_ms").GetDouble();
        Assert.True(0 < min && min <= median && median <= p90, $"min {min}, median {median}, p90 {p90}");
        Assert.Equal(0, json.GetProperty("allocated_bytes_per_call").GetInt64());
        return median;
    }

    /// <summary>Asserts success, the first line, the timing line and no allocation per call in a text report.</summary>
    public static void AssertText(CliRun run, string firstLine, int runs, int warmup)
    {
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith(firstLine + "\n", run.Output);
        Assert.Contains($"  {runs} timed calls after {warmup} warm-up: median ", run.Output);
        Assert.Contains("  allocated 0 bytes per call (calling thread)", run.Output);
    }
}
