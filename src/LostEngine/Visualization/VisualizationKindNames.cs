namespace LostEngine.Visualization;

/// <summary>The reference's command-line names of the figures (<c>pred</c>, <c>fms</c>, <c>seed_expansion</c>).</summary>
public static class VisualizationKindNames
{
    /// <summary>The names, in the reference's order of <c>--visualize</c> choices.</summary>
    public static IReadOnlyList<string> All { get; } = ["fms", "seed_expansion", "pred"];

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
                _ => throw new LostInputException(inputName, $"'{part}' is not one of {string.Join(", ", All)}."),
            };
        }
        return kind;
    }

    /// <summary>The reference name of a single figure.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not exactly one figure.</exception>
    public static string NameOf(VisualizationKind kind) => kind switch
    {
        VisualizationKind.Pred => "pred",
        VisualizationKind.Fms => "fms",
        VisualizationKind.SeedExpansion => "seed_expansion",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected exactly one figure."),
    };
}
