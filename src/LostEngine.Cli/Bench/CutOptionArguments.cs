using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LostEngine.Kernel;

namespace LostEngine.Cli.Bench;

/// <summary>The options of the normalized-cut graph that TokenCut and MaskCut share: <c>--tau</c> and <c>--eps</c>.</summary>
internal sealed class CutOptionArguments(float defaultTau)
{
    public Option<float> Tau { get; } = new("--tau")
    {
        Description = "An edge joins two patches whose cosine similarity is above this.",
        DefaultValueFactory = _ => defaultTau,
    };

    public Option<double> Eps { get; } = new("--eps")
    {
        Description = "Weight of a pair of patches that is not an edge.",
        DefaultValueFactory = _ => TokenCutParameters.DefaultEps,
    };

    /// <summary>The tau and eps fields of a JSON report.</summary>
    public static void WriteJson(Utf8JsonWriter json, float tau, double eps)
    {
        json.WriteNumber("tau", tau);
        json.WriteNumber("eps", eps);
    }

    /// <summary>"tau 0.2, eps 1e-05", as the text reports print them.</summary>
    public static string Describe(float tau, double eps) =>
        $"tau {tau.ToString(CultureInfo.InvariantCulture)}, eps {eps.ToString("g", CultureInfo.InvariantCulture)}";
}
