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
    public static RgbCanvas DrawCorrelation(ReadOnlySpan<float> seedRow, in LostParameters parameters, int seed)
    {
        var canvas = RgbCanvas.Black(parameters.Cols * parameters.ScaleX, parameters.Rows * parameters.ScaleY);
        for (int j = 0; j < seedRow.Length; j++)
        {
            var color = j == seed ? RgbColor.Seed : seedRow[j] > 0f ? RgbColor.PositiveSimilarity : RgbColor.Black;
            canvas.FillCell(parameters.Grid, j, color);
        }
        return canvas;
    }

    /// <summary>
    /// The reference saves this map with <c>plt.imsave</c>, i.e. matplotlib's default colour map (viridis)
    /// over [min, max]; this engine draws the same normalisation in grey, white for the highest inverse
    /// degree (the likely object), at matplotlib's level (<see cref="ColourScale.Level"/>). A zero key has no
    /// positive entry in its row, so its inverse degree is 1/0 = ∞ in the reference: it is drawn white and left
    /// out of the minimum and maximum.
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
            byte level = positiveCounts[i] == 0 ? (byte)(ColourScale.Levels - 1) : ColourScale.Level(1.0 / positiveCounts[i], min, max);
            canvas.FillCell(parameters.Grid, i, new RgbColor(level, level, level));
        }
        return canvas;
    }
}
