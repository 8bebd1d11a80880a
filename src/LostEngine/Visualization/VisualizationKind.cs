namespace LostEngine.Visualization;

/// <summary>
/// The figures of the reference (valeoai/LOST visualizations.py, <c>--visualize pred|fms|seed_expansion</c>).
/// Flags, so one call can render several; the reference renders one per run.
/// </summary>
[Flags]
public enum VisualizationKind
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary><c>pred</c>: the image with the predicted box in red.</summary>
    Pred = 1,

    /// <summary><c>fms</c>: the seed's binarised similarity row and the inverse degree map (paper, figure 2).</summary>
    Fms = 2,

    /// <summary><c>seed_expansion</c>: the box of the seed's similarity row alone, the final box and the seed (paper, figure 3).</summary>
    SeedExpansion = 4,

    /// <summary>Every figure.</summary>
    All = Pred | Fms | SeedExpansion,
}
