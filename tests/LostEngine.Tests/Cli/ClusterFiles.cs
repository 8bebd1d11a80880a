using System.Text.Json;
using LostEngine.Tests.IO;

namespace LostEngine.Tests.Cli;

/// <summary>Predictions maps and feature files for <c>lost cluster</c> tests, in a temporary folder.</summary>
internal sealed class ClusterFiles(TempFolder folder)
{
    /// <summary>A predictions map; a null box is "no object".</summary>
    public string Predictions(IEnumerable<(string Name, double[]? Box)> entries, string name = "preds.json")
    {
        var map = entries.ToDictionary(e => e.Name, e => e.Box);
        return folder.Write(name, JsonSerializer.Serialize(map));
    }

    /// <summary>A map of <paramref name="names"/>, each with the box [i, 2i, 10 + i, 20.5 + i].</summary>
    public string Predictions(IReadOnlyList<string> names, string name = "preds.json") =>
        Predictions(names.Select((n, i) => (n, (double[]?)[i, 2 * i, 10 + i, 20.5 + i])), name);

    public string Float64(double[] values, string shape, string name = "features.npy") =>
        Bytes(name, NpyBytes.Build(NpyBytes.Dict("<f8", shape), NpyBytes.Float64(values)));

    public string Float32(float[] values, string shape, string name = "features.npy") =>
        Bytes(name, NpyBytes.Build(NpyBytes.Dict("<f4", shape), NpyBytes.Float32(values)));

    public string Bytes(string name, byte[] bytes)
    {
        string path = folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
