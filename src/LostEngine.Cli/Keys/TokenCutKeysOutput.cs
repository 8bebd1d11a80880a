using System.Text.Json;
using LostEngine.Kernel;

namespace LostEngine.Cli.Keys;

/// <summary>
/// <c>lost keys --method tokencut</c>: the box with the cut's value and eigengap, and with <c>--details</c> the
/// partition, the seed's component and the eigenvector (ncut-spec §1's outputs).
/// </summary>
internal static class TokenCutKeysOutput
{
    public static void Run(ReadOnlySpan<float> keys, int dim, in TokenCutParameters parameters, LostKernelOptions options, bool details, TextWriter output)
    {
        using var workspace = new NcutWorkspace(parameters.Grid.PatchCount, dim, options);
        var result = TokenCutKernel.Run(keys, dim, parameters, workspace);
        OneLineJson.WriteObject(output, json => Write(json, result, workspace, details));
    }

    private static void Write(Utf8JsonWriter json, in TokenCutResult result, NcutWorkspace workspace, bool details)
    {
        json.WriteSeededBox(result.HasObject, result.Seed, result.Box, result.BoxPatches, result.ComponentSize, result.ReasonText);
        json.WriteSpectrum(result);
        if (details)
        {
            // Empty when no cut was made: the partition and eigenvector do not exist then.
            json.WriteCells("partition", workspace.Partition, (byte)1);
            json.WriteCells("component", workspace.Component, (byte)1);
            json.WriteStartArray("eigenvector");
            foreach (double value in workspace.Eigenvector)
            {
                json.WriteNumberValue(value);
            }
            json.WriteEndArray();
        }
    }
}
