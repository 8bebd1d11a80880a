using LostEngine.Kernel;

namespace LostEngine.Visualization;

/// <summary>
/// <c>fms</c> (visualize_fms), two images of the padded size (rows·scale_y × cols·scale_x), each grid cell
/// upsampled by nearest neighbour to a block of scale_y × scale_x pixels:
/// <list type="bullet">
/// <item><c>corr</c>: the seed's row of the binarised similarity, grey (128, 133, 133) where
/// <c>s(seed, j) &gt; 0</c>, black elsewhere, the seed cell red (204, 37, 41).</item>
/// <item><c>deg</c>: the inverse degree <c>1 / #{ j : s(i, j) &gt; 0 }</c> (diagonal included, as the
/// reference's <c>binA.sum(-1)</c>), normalised from its minimum to its maximum.</item>
/// </list>
/// </summary>
internal static class FeatureMapFigures
{
    /// <summary>Grey levels of the inverse degree map, the size of matplotlib's default colour table.</summary>
    private const int Levels = 256;

    public static RgbCanvas DrawCorrelation(ReadOnlySpan<float> seedRow, in LostParameters parameters, int seed)
    {
        var canvas = RgbCanvas.Black(parameters.Cols * parameters.ScaleX, parameters.Rows * parameters.ScaleY);
        for (int j = 0; j < seedRow.Length; j++)
        {
            var color = j == seed ? RgbColor.Seed : seedRow[j] > 0f ? RgbColor.PositiveSimilarity : RgbColor.Black;
            FillCell(canvas, parameters, j, color);
        }
        return canvas;
    }

    /// <summary>
    /// The reference saves this map with <c>plt.imsave</c>, i.e. matplotlib's default colour map (viridis)
    /// over [min, max]; this engine draws the same normalisation in grey, white for the highest inverse
    /// degree (the likely object). Grey level = ⌊256·t⌋ capped at 255, t = (v − min) / (max − min), which is
    /// how matplotlib picks one of its 256 colours; t = 0 everywhere when max = min, as matplotlib's Normalize
    /// gives. A zero key has no positive entry in its row, so its inverse degree is 1/0 = ∞ in the reference:
    /// it is drawn white and left out of the minimum and maximum.
    /// </summary>
    public static RgbCanvas DrawInverseDegree(ReadOnlySpan<int> positiveCounts, in LostParameters parameters)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (int count in positiveCounts)
        {
            if (count > 0)
            {
                double inverse = 1.0 / count;
                min = Math.Min(min, inverse);
                max = Math.Max(max, inverse);
            }
        }
        var canvas = RgbCanvas.Black(parameters.Cols * parameters.ScaleX, parameters.Rows * parameters.ScaleY);
        for (int i = 0; i < positiveCounts.Length; i++)
        {
            byte level = positiveCounts[i] == 0 ? (byte)(Levels - 1) : GreyLevel(1.0 / positiveCounts[i], min, max);
            FillCell(canvas, parameters, i, new RgbColor(level, level, level));
        }
        return canvas;
    }

    private static byte GreyLevel(double value, double min, double max)
    {
        double t = max > min ? (value - min) / (max - min) : 0.0;
        return (byte)Math.Min(Levels - 1, (int)(t * Levels));
    }

    private static void FillCell(RgbCanvas canvas, in LostParameters parameters, int patch, RgbColor color)
    {
        int row = patch / parameters.Cols, col = patch % parameters.Cols;
        canvas.Fill(col * parameters.ScaleX, row * parameters.ScaleY,
            (col + 1) * parameters.ScaleX, (row + 1) * parameters.ScaleY, color);
    }
}
