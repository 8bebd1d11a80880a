namespace LostEngine.Visualization;

/// <summary>An opaque 8-bit RGB colour, and the colours the reference's figures use.</summary>
public readonly record struct RgbColor(byte R, byte G, byte B)
{
    /// <summary>The <c>pred</c> box, (255, 0, 0).</summary>
    public static RgbColor PredictionBox { get; } = new(255, 0, 0);

    /// <summary>The <c>seed_expansion</c> box of the seed's similarity row alone, (204, 204, 0), "Yellow".</summary>
    public static RgbColor SeedRowBox { get; } = new(204, 204, 0);

    /// <summary>The <c>seed_expansion</c> final box, (204, 0, 204), "Magenta".</summary>
    public static RgbColor ExpandedBox { get; } = new(204, 0, 204);

    /// <summary>The seed cell in <c>fms</c> and <c>seed_expansion</c>, (204, 37, 41), a red.</summary>
    public static RgbColor Seed { get; } = new(204, 37, 41);

    /// <summary>Cells with a positive similarity to the seed in <c>fms</c>, (128, 133, 133), a grey.</summary>
    public static RgbColor PositiveSimilarity { get; } = new(128, 133, 133);

    /// <summary>Cells with a similarity to the seed of zero or less in <c>fms</c>.</summary>
    public static RgbColor Black { get; } = new(0, 0, 0);

    /// <summary>The tint of TokenCut's partition (the seed's side of the cut) in its <c>pred</c> figure, (0, 160, 255), a sky blue.</summary>
    public static RgbColor Partition { get; } = new(0, 160, 255);

    /// <summary>
    /// MaskCut's objects in its <c>pred</c> figure, one colour each in round order, repeating after ten: matplotlib's
    /// "tab10" table, ten colours chosen to be told apart.
    /// </summary>
    public static IReadOnlyList<RgbColor> ObjectPalette { get; } =
    [
        new(31, 119, 180), new(255, 127, 14), new(44, 160, 44), new(214, 39, 40), new(148, 103, 189),
        new(140, 86, 75), new(227, 119, 194), new(127, 127, 127), new(188, 189, 34), new(23, 190, 207),
    ];

    /// <summary>The colour of MaskCut's object <paramref name="index"/> (in round order).</summary>
    public static RgbColor ObjectColor(int index) => ObjectPalette[index % ObjectPalette.Count];
}
