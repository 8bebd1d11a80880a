using System.CommandLine;
using System.Text.Json;
using LostEngine.Cli.Bench;
using LostEngine.Kernel;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost bench maskcut</c>: times <see cref="MaskCutKernel.Run"/> in process and says what each round did, since a
/// call's time is mostly its rounds' cuts and a round that paints nothing repeats the cut before it instead.
/// </summary>
internal static class BenchMaskCutCommand
{
    internal static Command Create()
    {
        var bench = new BenchArguments(SyntheticKeyKind.Objects, defaultRuns: 50);
        var cut = new NcutOptionArguments();
        var command = new Command("maskcut", "Time MaskCut on synthetic or given keys, with what each round did.");
        bench.AddTo(command, cut.Tau, cut.Eps, cut.Rounds);

        command.SetAction(parseResult => CommandErrors.Run(parseResult, r =>
        {
            var (setup, parameters) = bench.Read(r, keys =>
            {
                var parameters = cut.MaskCut(r, PatchGrid.ForGrid(keys.Rows, keys.Cols, BenchKeys.PatchSize));
                OptionNames.Check(parameters.Validate);
                return parameters;
            });
            return bench.Print(r, Measure(setup, parameters), WriteText, WriteJson);
        }));
        return command;
    }

    private sealed record Measurement(
        BenchSetup Setup, MaskCutParameters Parameters, KernelWidth Width, CallTiming Timing, MaskCutResult Result, MaskCutRound[] Rounds)
    {
        /// <summary>Products with the graph per call: those of the rounds that solved a cut.</summary>
        public int Iterations => Rounds.Where(r => !r.Repeated).Sum(r => r.Spectrum.Iterations);
    }

    private static Measurement Measure(BenchSetup setup, MaskCutParameters parameters)
    {
        var keys = setup.Keys;
        using var workspace = new NcutWorkspace(keys.N, keys.Dim, setup.Options);
        // The keys do not change between calls, so every call's rounds are the first one's.
        var result = MaskCutKernel.Run(keys.Values, keys.Dim, parameters, workspace);
        var rounds = workspace.Rounds.ToArray();
        var timing = TimedCalls.Measure(setup.Plan, () => MaskCutKernel.Run(keys.Values, keys.Dim, parameters, workspace));
        return new Measurement(setup, parameters, workspace.Width, timing, result, rounds);
    }

    private static string SignName(CutSign sign) => sign switch
    {
        CutSign.Irrelevant => "irrelevant",
        CutSign.Reference => "reference",
        CutSign.CornersConvention => "corners",
        _ => throw new InvalidOperationException($"Unknown sign {sign}."),
    };

    private static void WriteText(TextWriter output, Measurement m)
    {
        var p = m.Parameters;
        output.WriteLine($"MaskCut ({p.Rounds} rounds, {BenchReport.Describe(p.Tau, p.Eps)}), {BenchReport.Setup(m.Setup, m.Width)}");
        BenchReport.WriteTiming(output, m.Setup, m.Timing);
        foreach (var round in m.Rounds)
        {
            string work = !round.Repeated ? $"{round.Spectrum.Iterations} graph products" : "repeats the cut before (nothing painted)";
            string outcome = round.Reason != NoObjectReason.None ? $"no cut: {round.Reason.Describe()}"
                : $"mask {round.MaskSize} cells, " + (round.Dropped ? "dropped" : round.ObjectIndex >= 0 ? $"object {round.ObjectIndex}" : "covered by earlier objects");
            output.WriteLine($"  round {round.Round}: {work}; {outcome}");
        }
        output.WriteLine($"  {m.Result.ObjectCount} objects, {m.Iterations} graph products per call");
        BenchReport.WriteAllocation(output, m.Timing);
    }

    private static void WriteJson(Utf8JsonWriter json, Measurement m)
    {
        BenchReport.WriteSetup(json, m.Setup, m.Width);
        BenchReport.WriteCut(json, m.Parameters.Tau, m.Parameters.Eps);
        json.WriteNumber("rounds", m.Parameters.Rounds);
        BenchReport.WriteTiming(json, m.Timing);
        json.WriteNumber("iterations", m.Iterations);
        json.WriteNumber("objects", m.Result.ObjectCount);
        json.WriteStartArray("per_round");
        foreach (var round in m.Rounds)
        {
            json.WriteStartObject();
            json.WriteNumber("round", round.Round);
            json.WriteBoolean("solved", !round.Repeated);
            json.WriteNumber("iterations", round.Repeated ? 0 : round.Spectrum.Iterations);
            if (round.Reason != NoObjectReason.None)
            {
                json.WriteString("reason", round.Reason.Describe());
            }
            json.WriteNumber("mask_size", round.MaskSize);
            json.WriteBoolean("dropped", round.Dropped);
            json.WriteString("sign", SignName(round.Sign));
            json.WriteNumber("object", round.ObjectIndex);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
