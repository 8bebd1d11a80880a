using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LostEngine.Cli.Bench;
using LostEngine.Kernel;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost bench tokencut</c>: times <see cref="TokenCutKernel.Run"/> in process, and LOST on the same keys in the
/// same run, since TokenCut's speed target is a multiple of LOST's.
/// </summary>
internal static class BenchTokenCutCommand
{
    /// <summary>The speed target: TokenCut at most this many times LOST's time on the same keys.</summary>
    private const double TargetRatioToLost = 2.5;

    internal static Command Create()
    {
        var bench = new BenchArguments(SyntheticKeyKind.Objects, defaultRuns: 50);
        var cut = new NcutOptionArguments();
        var command = new Command("tokencut", "Time TokenCut on synthetic or given keys, and LOST on the same keys.");
        bench.AddTo(command, cut.Tau, cut.Eps);

        command.SetAction(parseResult => CommandErrors.Run(parseResult, r =>
        {
            var (setup, parameters) = bench.Read(r, keys =>
            {
                var parameters = cut.TokenCut(r, PatchGrid.ForGrid(keys.Rows, keys.Cols, BenchKeys.PatchSize));
                OptionNames.Check(parameters.Validate);
                return parameters;
            });
            return bench.Print(r, Measure(setup, parameters), WriteText, WriteJson);
        }));
        return command;
    }

    private sealed record Measurement(
        BenchSetup Setup, TokenCutParameters Parameters, KernelWidth Width, CallTiming Timing, TokenCutResult Result, CallTiming Lost)
    {
        public double RatioToLost => Timing.MedianMs / Lost.MedianMs;
    }

    private static Measurement Measure(BenchSetup setup, TokenCutParameters parameters)
    {
        var keys = setup.Keys;
        using var workspace = new NcutWorkspace(keys.N, keys.Dim, setup.Options);
        // The keys do not change between calls, so every call's result (and its graph products) is the first one's.
        var result = TokenCutKernel.Run(keys.Values, keys.Dim, parameters, workspace);
        var timing = TimedCalls.Measure(setup.Plan, () => TokenCutKernel.Run(keys.Values, keys.Dim, parameters, workspace));

        var lostParameters = LostParameters.ForGrid(keys.Rows, keys.Cols, BenchKeys.PatchSize);
        using var lostWorkspace = new LostWorkspace(keys.N, keys.Dim, setup.Options);
        var lost = TimedCalls.Measure(setup.Plan, () => LostKernel.Run(keys.Values, keys.Dim, lostParameters, lostWorkspace));
        return new Measurement(setup, parameters, workspace.Width, timing, result, lost);
    }

    private static void WriteText(TextWriter output, Measurement m)
    {
        output.WriteLine($"TokenCut ({BenchReport.Describe(m.Parameters.Tau, m.Parameters.Eps)}), {BenchReport.Setup(m.Setup, m.Width)}");
        BenchReport.WriteTiming(output, m.Setup, m.Timing);
        var result = m.Result;
        output.WriteLine($"  {result.Spectrum.Iterations} graph products per call; " + (result.HasObject
            ? $"box {result.Box} ({result.ComponentSize} cells), ncut value {result.NcutValue.ToString("G4", CultureInfo.InvariantCulture)}, eigengap {result.Eigengap.ToString("G4", CultureInfo.InvariantCulture)}"
            : $"no object: {result.ReasonText}"));
        output.WriteLine($"  LOST on the same keys: median {m.Lost.MedianMs:F3} ms; TokenCut / LOST = {m.RatioToLost:F2} (target at most {TargetRatioToLost})");
        BenchReport.WriteAllocation(output, m.Timing);
    }

    private static void WriteJson(Utf8JsonWriter json, Measurement m)
    {
        BenchReport.WriteSetup(json, m.Setup, m.Width);
        BenchReport.WriteCut(json, m.Parameters.Tau, m.Parameters.Eps);
        BenchReport.WriteTiming(json, m.Timing);
        var result = m.Result;
        json.WriteNumber("iterations", result.Spectrum.Iterations);
        json.WriteBoolean("object", result.HasObject);
        if (result.HasObject)
        {
            json.WriteIntArray("box", [result.Box.X1, result.Box.Y1, result.Box.X2, result.Box.Y2]);
            json.WriteNumber("component_size", result.ComponentSize);
            json.WriteNumber("ncut_value", result.NcutValue);
            json.WriteNumber("eigengap", result.Eigengap);
        }
        else
        {
            json.WriteString("reason", result.ReasonText);
        }
        json.WriteNumber("lost_median_ms", Math.Round(m.Lost.MedianMs, 4));
        json.WriteNumber("ratio_to_lost", Math.Round(m.RatioToLost, 4));
    }
}
