using System.Globalization;
using System.Text.Json;
using LostEngine.Kernel;

namespace LostEngine.Cli.Bench;

/// <summary>The lines and JSON fields every <c>lost bench</c> method command prints alike: the setup, the timing, the allocations.</summary>
internal static class BenchReport
{
    /// <summary>"N = 1200, d = 384, grid 30x40, managed v256, 1 thread; keys: 2 objects, seed 517".</summary>
    public static string Setup(BenchSetup setup, KernelWidth width)
    {
        var keys = setup.Keys;
        return $"N = {keys.N}, d = {keys.Dim}, grid {keys.Rows}x{keys.Cols}, {BackendName(setup.Options)} {KernelOptionArguments.WidthName(width)}, {Threads(setup.Options)}; keys: {keys.Source}";
    }

    /// <summary>"tau 0.2, eps 1e-05", as the text reports of TokenCut and MaskCut print them.</summary>
    public static string Describe(float tau, double eps) =>
        $"tau {tau.ToString(CultureInfo.InvariantCulture)}, eps {eps.ToString("g", CultureInfo.InvariantCulture)}";

    /// <summary>The tau and eps fields of a TokenCut or MaskCut report.</summary>
    public static void WriteCut(Utf8JsonWriter json, float tau, double eps)
    {
        json.WriteNumber("tau", tau);
        json.WriteNumber("eps", eps);
    }

    /// <summary>"1 thread" or "2 threads".</summary>
    public static string Threads(LostKernelOptions options) => options.Threads == 1 ? "1 thread" : $"{options.Threads} threads";

    public static void WriteTiming(TextWriter output, BenchSetup setup, CallTiming timing) =>
        output.WriteLine($"  {setup.Plan.Runs} timed calls after {setup.Plan.Warmup} warm-up: median {timing.MedianMs:F3} ms, min {timing.MinMs:F3} ms, p90 {timing.P90Ms:F3} ms");

    public static void WriteAllocation(TextWriter output, CallTiming timing) =>
        output.WriteLine($"  allocated {timing.AllocatedBytesPerCall} bytes per call (calling thread)");

    /// <summary>n, d, grid, keys, backend, kernel, threads, runs.</summary>
    public static void WriteSetup(Utf8JsonWriter json, BenchSetup setup, KernelWidth width)
    {
        var keys = setup.Keys;
        json.WriteNumber("n", keys.N);
        json.WriteNumber("d", keys.Dim);
        json.WriteIntArray("grid", [keys.Rows, keys.Cols]);
        json.WriteString("keys", keys.Source);
        json.WriteString("backend", BackendName(setup.Options));
        json.WriteString("kernel", KernelOptionArguments.WidthName(width));
        json.WriteNumber("threads", setup.Options.Threads);
        json.WriteNumber("runs", setup.Plan.Runs);
    }

    /// <summary>median_ms, min_ms, p90_ms, allocated_bytes_per_call.</summary>
    public static void WriteTiming(Utf8JsonWriter json, CallTiming timing)
    {
        json.WriteNumber("median_ms", Math.Round(timing.MedianMs, 4));
        json.WriteNumber("min_ms", Math.Round(timing.MinMs, 4));
        json.WriteNumber("p90_ms", Math.Round(timing.P90Ms, 4));
        json.WriteNumber("allocated_bytes_per_call", timing.AllocatedBytesPerCall);
    }

    private static string BackendName(LostKernelOptions options) => options.Backend.ToString().ToLowerInvariant();
}
