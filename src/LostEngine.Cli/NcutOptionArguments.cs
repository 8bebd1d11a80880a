using System.CommandLine;
using LostEngine.Kernel;
using LostEngine.Pipeline;

namespace LostEngine.Cli;

/// <summary>
/// TokenCut's and MaskCut's options (<c>--tau</c>, <c>--eps</c>, <c>--rounds</c>), shared by every command that
/// chooses a method. Unset, each takes the chosen method's default, so the option has no fixed default of its own.
/// </summary>
internal sealed class NcutOptionArguments
{
    public Option<float?> Tau { get; } = new("--tau")
    {
        Description = $"tokencut, maskcut: an edge joins two patches whose cosine similarity is above this, in [-1, 1] (default {TokenCutParameters.DefaultTau} tokencut, {MaskCutParameters.DefaultTau} maskcut).",
    };

    public Option<double?> Eps { get; } = new("--eps")
    {
        Description = $"tokencut, maskcut: the weight of every other pair of patches, in (0, 1] (default {TokenCutParameters.DefaultEps}).",
    };

    public Option<int?> Rounds { get; } = new("--rounds")
    {
        Description = $"maskcut: cuts to make, one object each at most, 1 to {MaskCutParameters.MaxRounds} (default {MaskCutParameters.DefaultRounds}).",
    };

    /// <summary>Which methods read which of these options.</summary>
    public IEnumerable<MethodOption> Rules =>
    [
        new(Tau, LocalizationMethod.TokenCut, LocalizationMethod.MaskCut),
        new(Eps, LocalizationMethod.TokenCut, LocalizationMethod.MaskCut),
        new(Rounds, LocalizationMethod.MaskCut),
    ];

    public void AddTo(Command command)
    {
        command.Options.Add(Tau);
        command.Options.Add(Eps);
        command.Options.Add(Rounds);
    }

    public TokenCutParameters TokenCut(ParseResult parse, in PatchGrid grid)
        => new(grid, parse.GetValue(Tau) ?? TokenCutParameters.DefaultTau, parse.GetValue(Eps) ?? TokenCutParameters.DefaultEps);

    public MaskCutParameters MaskCut(ParseResult parse, in PatchGrid grid)
        => new(grid, parse.GetValue(Tau) ?? MaskCutParameters.DefaultTau, parse.GetValue(Eps) ?? TokenCutParameters.DefaultEps,
            parse.GetValue(Rounds) ?? MaskCutParameters.DefaultRounds);
}
