namespace LostEngine.Visualization;

/// <summary>
/// The figures of the references (valeoai/LOST visualizations.py, <c>--visualize pred|fms|seed_expansion</c>;
/// TokenCut's <c>--visualize pred|attn</c>). Flags, so one call can render several; the references render one per
/// run. Which apply to which method: <see cref="VisualizationKindNames.For"/>.
/// </summary>
[Flags]
public enum VisualizationKind
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary><c>pred</c>: the image with the predicted box (LOST, TokenCut with its partition and seed, MaskCut with every object).</summary>
    Pred = 1,

    /// <summary><c>fms</c>: the seed's binarised similarity row and the inverse degree map (LOST paper, figure 2).</summary>
    Fms = 2,

    /// <summary><c>seed_expansion</c>: the box of the seed's similarity row alone, the final box and the seed (LOST paper, figure 3).</summary>
    SeedExpansion = 4,

    /// <summary><c>attn</c>: TokenCut's second eigenvector as a heat map.</summary>
    Attn = 8,

    /// <summary>Every figure of every method.</summary>
    All = Pred | Fms | SeedExpansion | Attn,
}
