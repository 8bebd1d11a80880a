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
}
