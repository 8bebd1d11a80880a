namespace LostEngine.Kernel;

/// <summary>The answer of one DINO-seg call (spec section 3). A value type: returning it allocates nothing.</summary>
/// <param name="HasObject">Whether a component was boxed.</param>
/// <param name="Box">The box in pixels, <c>[x1, y1, x2, y2]</c>, maxima exclusive and not clipped (as the reference).</param>
/// <param name="Cells">The box in cells, maxima exclusive.</param>
/// <param name="Label">The boxed component's label (scipy's numbering: raster order of first cell, 0 = background).</param>
/// <param name="ComponentSize">Cells in the boxed component.</param>
/// <param name="ComponentCount">Foreground components found.</param>
public readonly record struct DinoSegResult(bool HasObject, PixelBox Box, CellBox Cells, int Label, int ComponentSize, int ComponentCount)
{
    /// <summary>Why there is no object, or empty.</summary>
    public string ReasonText => HasObject ? ""
        : ComponentCount == 0 ? "No patch holds the kept attention mass (the attention is not finite)."
        : "Reference-compatible mode boxes the background, and every patch is foreground (the reference fails here).";
}
