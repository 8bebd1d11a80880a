using System.Text.Json;
using LostEngine.Kernel;

namespace LostEngine.Cli.Keys;

/// <summary>
/// <c>lost keys --method maskcut</c>: the non-empty objects in round order, each with its round, box and cells, and
/// with <c>--details</c> what every round did: its seed, its mask before earlier objects are removed, whether it
/// was dropped or reversed, and where the eigenvector's sign came from (ncut-spec §2's outputs).
/// </summary>
internal static class MaskCutKeysOutput
{
    public static void Run(ReadOnlySpan<float> keys, int dim, in MaskCutParameters parameters, LostKernelOptions options, bool details, TextWriter output)
    {
        using var workspace = new NcutWorkspace(parameters.Grid.PatchCount, dim, options);
        var result = MaskCutKernel.Run(keys, dim, parameters, workspace);
        OneLineJson.WriteObject(output, json => Write(json, result, workspace, details));
    }

    private static void Write(Utf8JsonWriter json, in MaskCutResult result, NcutWorkspace workspace, bool details)
    {
        json.WriteBoolean("object", result.HasObject);
        if (!result.HasObject)
        {
            json.WriteString("reason", result.ReasonText);
        }
        json.WriteStartArray("objects");
        var objects = workspace.Objects;
        for (int index = 0; index < objects.Length; index++)
        {
            json.WriteStartObject();
            json.WriteNumber("round", objects[index].Round);
            json.WriteBox("box", objects[index].Box);
            json.WriteCells("cells", workspace.ObjectMap, index + 1);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (details)
        {
            WriteRounds(json, workspace);
        }
    }

    private static void WriteRounds(Utf8JsonWriter json, NcutWorkspace workspace)
    {
        json.WriteStartArray("rounds");
        foreach (var round in workspace.Rounds)
        {
            json.WriteStartObject();
            json.WriteNumber("round", round.Round);
            if (round.Reason == NoObjectReason.None)
            {
                json.WriteNumber("seed", round.Seed);
            }
            else
            {
                json.WriteNull("seed");
                json.WriteString("reason", round.Reason.Describe());
            }
            json.WriteCells("mask", workspace.RoundMask(round.Round), (byte)1);
            json.WriteBoolean("dropped", round.Dropped);
            json.WriteBoolean("reversed", round.Reversed);
            json.WriteString("sign", SignName(round.Sign));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string SignName(CutSign sign) => sign switch
    {
        CutSign.Irrelevant => "irrelevant",
        CutSign.Reference => "reference",
        CutSign.CornersConvention => "corners",
        _ => throw new InvalidOperationException($"Unknown sign {sign}."),
    };
}
