using System.CommandLine;
using System.Diagnostics;
using LostEngine.Diagnostics;
using LostEngine.Kernel;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost bench kernel</c>: times <see cref="LostKernel.Run"/> in process on random keys and compares its
/// throughput with this machine's FMA peak for the same width and thread count.
/// </summary>
internal static class BenchKernelCommand
{
    internal static Command Create()
    {
        var n = new Option<int>("--n") { Description = "Patches N.", DefaultValueFactory = _ => 1200 };
        var d = new Option<int>("--d") { Description = "Key width d.", DefaultValueFactory = _ => 384 };
        var runs = new Option<int>("--runs") { Description = "Timed calls.", DefaultValueFactory = _ => 100 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed calls first (at least this many, and at least one second of calls).", DefaultValueFactory = _ => 10 };
        var probeMs = new Option<int>("--probe-ms") { Description = "How long the FMA peak probe runs, in ms.", DefaultValueFactory = _ => 500 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var kernel = new KernelOptionArguments();

        var command = new Command("kernel", "Time the LOST kernel on random keys and compare it with the FMA peak.");
        command.Options.Add(n);
        command.Options.Add(d);
        kernel.AddTo(command);
        command.Options.Add(runs);
        command.Options.Add(warmup);
        command.Options.Add(probeMs);
        command.Options.Add(json);

        command.SetAction(parseResult => CommandErrors.Run(parseResult, r =>
        {
            var setup = new Setup(
                RequireAtLeast(r.GetValue(n), 1, "--n"),
                RequireAtLeast(r.GetValue(d), 1, "--d"),
                kernel.Read(r),
                RequireAtLeast(r.GetValue(runs), 1, "--runs"),
                RequireAtLeast(r.GetValue(warmup), 0, "--warmup"),
                TimeSpan.FromMilliseconds(RequireAtLeast(r.GetValue(probeMs), 1, "--probe-ms")));
            var measurement = Measure(setup);
            var output = r.InvocationConfiguration.Output;
            if (r.GetValue(json))
            {
                WriteJson(output, measurement);
            }
            else
            {
                WriteText(output, measurement);
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(1);

    private sealed record Setup(int N, int Dim, LostKernelOptions Options, int Runs, int Warmup, TimeSpan ProbeDuration);

    private sealed record Measurement(
        Setup Setup, int Rows, int Cols, KernelWidth Width,
        double MedianMs, double MinMs, double P90Ms, double Gflops, double PeakGflops, long AllocatedBytesPerCall)
    {
        public double FractionOfPeak => Gflops / PeakGflops;
    }

    private static Measurement Measure(Setup setup)
    {
        var (rows, cols) = NearSquareGrid(setup.N);
        var parameters = LostParameters.ForGrid(rows, cols, 16);
        float[] keys = SyntheticKeys.Gaussian(setup.N, setup.Dim);
        using var workspace = new LostWorkspace(setup.N, setup.Dim, setup.Options);
        // Tiered compilation replaces the first code of a hot method only after some calls and a background
        // compile, so a fixed handful of warm-up calls can time tier-0 code; a second of calls cannot.
        long warmupStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < setup.Warmup || Stopwatch.GetElapsedTime(warmupStart) < WarmupTime; i++)
        {
            LostKernel.Run(keys, setup.Dim, parameters, workspace);
        }

        var ticks = new long[setup.Runs];
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < ticks.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            LostKernel.Run(keys, setup.Dim, parameters, workspace);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Array.Sort(ticks);
        double ToMs(double t) => t * 1000.0 / Stopwatch.Frequency;
        int middle = ticks.Length / 2;
        double median = ticks.Length % 2 == 1 ? ticks[middle] : (ticks[middle - 1] + ticks[middle]) / 2.0;
        double p90 = ticks[(int)Math.Ceiling(0.9 * ticks.Length) - 1];
        // A symmetric kernel needs the N·(N+1)/2 pairs of the upper triangle with its diagonal, each d
        // multiply-adds of two FLOPs: N·(N+1)·d, the convention the speed targets use.
        double flop = (double)setup.N * (setup.N + 1) * setup.Dim;
        double gflops = flop / (ToMs(median) / 1000.0) / 1e9;
        double peak = FmaPeakProbe.Measure(workspace.Width, setup.Options.Threads, setup.ProbeDuration).GflopsPerSecond;
        return new Measurement(setup, rows, cols, workspace.Width,
            ToMs(median), ToMs(ticks[0]), ToMs(p90), gflops, peak, allocated / setup.Runs);
    }

    // The kernel's flood fill and box need a grid; the most square factorisation of N gives a realistic one.
    private static (int Rows, int Cols) NearSquareGrid(int n)
    {
        int rows = (int)Math.Sqrt(n);
        while (n % rows != 0)
        {
            rows--;
        }
        return (rows, n / rows);
    }

    private static int RequireAtLeast(int value, int minimum, string option) => value >= minimum
        ? value
        : throw new LostInputException(option, $"must be at least {minimum}, got {value}.");

    private static void WriteText(TextWriter output, Measurement m)
    {
        var s = m.Setup;
        string threads = s.Options.Threads == 1 ? "1 thread" : $"{s.Options.Threads} threads";
        string width = KernelOptionArguments.WidthName(m.Width);
        output.WriteLine($"LOST kernel, N = {s.N}, d = {s.Dim}, grid {m.Rows}x{m.Cols}, {s.Options.Backend.ToString().ToLowerInvariant()} {width}, {threads}");
        output.WriteLine($"  {s.Runs} timed calls after {s.Warmup} warm-up: median {m.MedianMs:F3} ms, min {m.MinMs:F3} ms, p90 {m.P90Ms:F3} ms");
        output.WriteLine($"  {m.Gflops:F2} GFLOP/s (N·(N+1)·d per call)");
        output.WriteLine($"  FMA peak {m.PeakGflops:F2} GFLOP/s ({width}, {threads}): {100 * m.FractionOfPeak:F1} % of peak");
        output.WriteLine($"  allocated {m.AllocatedBytesPerCall} bytes per call (calling thread)");
    }

    private static void WriteJson(TextWriter output, Measurement m) => OneLineJson.WriteObject(output, json =>
    {
        var s = m.Setup;
        json.WriteNumber("n", s.N);
        json.WriteNumber("d", s.Dim);
        json.WriteIntArray("grid", [m.Rows, m.Cols]);
        json.WriteString("backend", s.Options.Backend.ToString().ToLowerInvariant());
        json.WriteString("kernel", KernelOptionArguments.WidthName(m.Width));
        json.WriteNumber("threads", s.Options.Threads);
        json.WriteNumber("runs", s.Runs);
        json.WriteNumber("median_ms", Math.Round(m.MedianMs, 4));
        json.WriteNumber("min_ms", Math.Round(m.MinMs, 4));
        json.WriteNumber("p90_ms", Math.Round(m.P90Ms, 4));
        json.WriteNumber("gflops", Math.Round(m.Gflops, 3));
        json.WriteNumber("peak_gflops", Math.Round(m.PeakGflops, 3));
        json.WriteNumber("fraction_of_peak", Math.Round(m.FractionOfPeak, 4));
        json.WriteNumber("allocated_bytes_per_call", m.AllocatedBytesPerCall);
    });
}
