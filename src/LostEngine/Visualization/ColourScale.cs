namespace LostEngine.Visualization;

/// <summary>
/// How matplotlib's <c>plt.imsave</c> turns a map of numbers into colours, which the reference's heat maps use:
/// normalise from the map's minimum to its maximum, pick one of 256 levels, look the level up in a colour table.
/// </summary>
internal static class ColourScale
{
    /// <summary>Levels of matplotlib's colour tables.</summary>
    public const int Levels = 256;

    // Every 17th entry of matplotlib's cividis table (levels 0, 17, ..., 255), the map TokenCut's attn figure uses.
    private static readonly RgbColor[] CividisAnchors =
    [
        new(0, 34, 78), new(0, 46, 108), new(30, 58, 111), new(53, 69, 108), new(71, 81, 108), new(87, 93, 109),
        new(102, 105, 112), new(117, 117, 117), new(132, 130, 121), new(148, 142, 119), new(165, 156, 116),
        new(183, 169, 110), new(200, 184, 102), new(219, 199, 90), new(238, 214, 73), new(254, 232, 56),
    ];

    private const int AnchorStep = (Levels - 1) / 15;

    /// <summary>
    /// The level of <paramref name="value"/>: ⌊256·t⌋ capped at 255, t = (v − min) / (max − min), which is how
    /// matplotlib picks one of its 256 colours; t = 0 everywhere when max = min, as matplotlib's Normalize gives.
    /// </summary>
    public static byte Level(double value, double min, double max)
    {
        double t = max > min ? (value - min) / (max - min) : 0.0;
        return (byte)Math.Clamp((int)(t * Levels), 0, Levels - 1);
    }

    /// <summary>
    /// Matplotlib's cividis (dark blue to yellow, readable in grey and by colour-blind readers) at a level: exact
    /// at every 17th level and linear between, where the smooth table differs from its own entries only slightly.
    /// </summary>
    public static RgbColor Cividis(byte level)
    {
        int anchor = Math.Min(level / AnchorStep, CividisAnchors.Length - 2);
        int offset = level - anchor * AnchorStep;
        var (from, to) = (CividisAnchors[anchor], CividisAnchors[anchor + 1]);
        return new RgbColor(Mix(from.R, to.R, offset), Mix(from.G, to.G, offset), Mix(from.B, to.B, offset));
    }

    private static byte Mix(byte from, byte to, int offset) => (byte)((from * (AnchorStep - offset) + to * offset + AnchorStep / 2) / AnchorStep);
}
