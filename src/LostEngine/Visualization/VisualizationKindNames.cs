using LostEngine.Pipeline;

namespace LostEngine.Visualization;

/// <summary>The references' command-line names of the figures (<c>pred</c>, <c>fms</c>, <c>seed_expansion</c>, <c>attn</c>) and which method draws which.</summary>
public static class VisualizationKindNames
{
    /// <summary>The names, in the reference's order of <c>--visualize</c> choices, TokenCut's last.</summary>
    public static IReadOnlyList<string> All { get; } = ["fms", "seed_expansion", "pred", "attn"];

    /// <summary>Parses one name (case-insensitive); a comma-separated list combines several.</summary>
    /// <param name="value">The name or names, e.g. <c>pred</c> or <c>pred,fms</c>.</param>
    /// <param name="inputName">The option or field the value came from, named in the error.</param>
    /// <exception cref="LostInputException">A name is empty or not one of <see cref="All"/>.</exception>
    public static VisualizationKind Parse(string? value, string inputName = "visualize")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new LostInputException(inputName, $"is empty; expected one of {string.Join(", ", All)}.");
        }
        var kind = VisualizationKind.None;
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
        {
            kind |= part.ToLowerInvariant() switch
            {
                "pred" => VisualizationKind.Pred,
                "fms" => VisualizationKind.Fms,
                "seed_expansion" => VisualizationKind.SeedExpansion,
                "attn" => VisualizationKind.Attn,
                _ => throw new LostInputException(inputName, $"'{part}' is not one of {string.Join(", ", All)}."),
            };
        }
        return kind;
    }

    /// <summary>The figures <paramref name="method"/> draws; none for DINO-seg.</summary>
    public static VisualizationKind For(LocalizationMethod method) => method switch
    {
        LocalizationMethod.Lost => VisualizationKind.Pred | VisualizationKind.Fms | VisualizationKind.SeedExpansion,
        LocalizationMethod.TokenCut => VisualizationKind.Pred | VisualizationKind.Attn,
        LocalizationMethod.MaskCut => VisualizationKind.Pred,
        LocalizationMethod.DinoSeg => VisualizationKind.None,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method."),
    };

    /// <summary>Throws <see cref="LostInputException"/> naming <paramref name="inputName"/> when <paramref name="kind"/> holds a figure <paramref name="method"/> does not draw.</summary>
    public static void RequireDrawnBy(VisualizationKind kind, LocalizationMethod method, string inputName = "kind")
    {
        var drawn = For(method);
        if (drawn == VisualizationKind.None)
        {
            throw new LostInputException(inputName, $"draws no figure for method {method.Name()}.");
        }
        var foreign = kind & ~drawn;
        if (kind == VisualizationKind.None || foreign != VisualizationKind.None)
        {
            string what = kind == VisualizationKind.None ? "no figure" : $"'{NamesOf(foreign)}'";
            throw new LostInputException(inputName, $"{what} is not a figure of method {method.Name()}; it draws {NamesOf(drawn)}.");
        }
    }

    /// <summary>The reference name of a single figure.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not exactly one figure.</exception>
    public static string NameOf(VisualizationKind kind) => kind switch
    {
        VisualizationKind.Pred => "pred",
        VisualizationKind.Fms => "fms",
        VisualizationKind.SeedExpansion => "seed_expansion",
        VisualizationKind.Attn => "attn",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected exactly one figure."),
    };

    /// <summary>The names of the figures in <paramref name="kind"/>, comma-separated, in <see cref="All"/>'s order.</summary>
    public static string NamesOf(VisualizationKind kind) => string.Join(",", All.Where(name => kind.HasFlag(Parse(name))));
}
