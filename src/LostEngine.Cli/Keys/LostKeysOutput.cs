using System.Text.Json;
using LostEngine.Kernel;

namespace LostEngine.Cli.Keys;

/// <summary><c>lost keys</c> with LOST: the box, and with <c>--details</c> the degrees, similars and component.</summary>
internal static class LostKeysOutput
{
    public static void Run(ReadOnlySpan<float> keys, int dim, in LostParameters parameters, LostKernelOptions options, bool details, TextWriter output)
    {
        using var workspace = new LostWorkspace(parameters.PatchCount, dim, options);
        var result = LostKernel.Run(keys, dim, parameters, workspace);
        OneLineJson.WriteObject(output, json => Write(json, result, workspace, details));
    }

    private static void Write(Utf8JsonWriter json, in LostResult result, LostWorkspace workspace, bool details)
    {
        json.WriteSeededBox(result.HasObject, result.Seed, result.Box, result.BoxPatches, result.ComponentSize, result.ReasonText);
        if (details)
        {
            json.WriteIntArray("degrees", workspace.Degrees);
            json.WriteIntArray("similars", workspace.Similars);
            json.WriteCells("component", workspace.Component, (byte)1);
        }
    }
}
