using System.CommandLine;
using System.Text.Json;
using LostEngine.Cli.Bench;
using LostEngine.Diagnostics;
using LostEngine.Kernel;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost bench kernel</c>: times <see cref="LostKernel.Run"/> in process on synthetic or given keys and compares
/// its throughput with this machine's FMA peak for the same width and thread count.
/// </summary>
internal static class BenchKernelCommand
{
    internal static Command Create()
    {
        var bench = new BenchArguments(SyntheticKeyKind.Gaussian, defaultRuns: 100);
        var probeMs = new Option<int>("--probe-ms") { Description = "How long the FMA peak probe runs, in ms.", DefaultValueFactory = _ => 500 };
        var command = new Command("kernel", "Time the LOST kernel on synthetic or given keys and compare it with the FMA peak.");
        bench.AddTo(command, probeMs);

        command.SetAction(parseResult => CommandErrors.Run(parseResult, r =>
        {
            var probe = TimeSpan.FromMilliseconds(OptionChecks.AtLeast(r.GetValue(probeMs), 1, "--probe-ms"));
            var (setup, parameters) = bench.Read(r, keys => LostParameters.ForGrid(keys.Rows, keys.Cols, BenchKeys.PatchSize));
            return bench.Print(r, Measure(setup, parameters, probe), WriteText, WriteJson);
        }));
        return command;
    }

    private sealed record Measurement(BenchSetup Setup, KernelWidth Width, CallTiming Timing, double Gflops, double PeakGflops)
    {
        public double FractionOfPeak => Gflops / PeakGflops;
    }

    private static Measurement Measure(BenchSetup setup, LostParameters parameters, TimeSpan probeDuration)
    {
        var keys = setup.Keys;
        using var workspace = new LostWorkspace(keys.N, keys.Dim, setup.Options);
        var timing = TimedCalls.Measure(setup.Plan, () => LostKernel.Run(keys.Values, keys.Dim, parameters, workspace));
        // A symmetric kernel needs the N·(N+1)/2 pairs of the upper triangle with its diagonal, each d
        // multiply-adds of two FLOPs: N·(N+1)·d, the convention the speed targets use.
        double flop = (double)keys.N * (keys.N + 1) * keys.Dim;
        double gflops = flop / (timing.MedianMs / 1000.0) / 1e9;
        double peak = FmaPeakProbe.Measure(workspace.Width, setup.Options.Threads, probeDuration).GflopsPerSecond;
        return new Measurement(setup, workspace.Width, timing, gflops, peak);
    }

    private static void WriteText(TextWriter output, Measurement m)
    {
        output.WriteLine($"LOST kernel, {BenchReport.Setup(m.Setup, m.Width)}");
        BenchReport.WriteTiming(output, m.Setup, m.Timing);
        output.WriteLine($"  {m.Gflops:F2} GFLOP/s (N·(N+1)·d per call)");
        output.WriteLine($"  FMA peak {m.PeakGflops:F2} GFLOP/s ({KernelOptionArguments.WidthName(m.Width)}, {BenchReport.Threads(m.Setup.Options)}): {100 * m.FractionOfPeak:F1} % of peak");
        BenchReport.WriteAllocation(output, m.Timing);
    }

    private static void WriteJson(Utf8JsonWriter json, Measurement m)
    {
        BenchReport.WriteSetup(json, m.Setup, m.Width);
        BenchReport.WriteTiming(json, m.Timing);
        json.WriteNumber("gflops", Math.Round(m.Gflops, 3));
        json.WriteNumber("peak_gflops", Math.Round(m.PeakGflops, 3));
        json.WriteNumber("fraction_of_peak", Math.Round(m.FractionOfPeak, 4));
    }
}
