using LostEngine.Kernel;

namespace LostEngine.Visualization;

/// <summary>
/// The per-patch quantities the figures need beyond what <see cref="LostWorkspace"/> keeps: the seed's row
/// of the similarity matrix, the box that row alone would give, and the positive counts of the reference's
/// binarised matrix. Figures are drawn once per image, so these allocate their small buffers per call.
/// </summary>
public static class SeedSimilarity
{
    /// <summary>The seed's row <c>s(seed, j) = k_seed · k_j</c> for every patch j, diagonal included.</summary>
    /// <exception cref="LostInputException">The keys do not hold a whole number of rows, or the seed is not one of them.</exception>
    public static float[] Row(ReadOnlySpan<float> keys, int dim, int seed)
    {
        int n = PatchCount(keys, dim);
        if ((uint)seed >= (uint)n)
        {
            throw new LostInputException("seed", $"{seed} is not a patch index of the {n} patches.");
        }
        var row = new float[n];
        var seedKey = keys.Slice(seed * dim, dim);
        for (int j = 0; j < n; j++)
        {
            row[j] = VectorMath.Dot(seedKey, keys.Slice(j * dim, dim), KernelWidthSelector.Default);
        }
        return row;
    }

    /// <summary>
    /// The box of the seed's 4-connected component in the mask <c>s(seed, ·) &gt; 0</c>: what the reference's
    /// <c>detect_box(A[seed, :], seed, ...)</c> returns for <c>seed_expansion</c>, the box before expansion.
    /// Null when the seed's own similarity is not positive (a zero key), where the reference raises
    /// "The seed is in the background component."
    /// </summary>
    public static PixelBox? RowBox(ReadOnlySpan<float> row, int seed, in LostParameters parameters)
    {
        int n = parameters.PatchCount;
        if (row.Length != n)
        {
            throw new LostInputException("row", $"has {row.Length} values, but the {parameters.Rows}x{parameters.Cols} grid has {n} patches.");
        }
        if ((uint)seed >= (uint)n)
        {
            throw new LostInputException("seed", $"{seed} is not a patch index of the {n} patches.");
        }
        var component = new byte[n];
        var queue = new int[n];
        int size = SeedComponent.Fill(new PositiveCells(row), parameters.Rows, parameters.Cols, seed, component, queue, out var cells);
        return size == 0 ? null : parameters.Grid.ToPixels(cells);
    }

    /// <summary>
    /// For every patch i, <c>#{ j : s(i, j) &gt; 0 }</c> with the diagonal included: the row sums of the
    /// reference's <c>binA</c> in <c>visualize_fms</c>, which binarises the raw similarity matrix without
    /// zeroing its diagonal. That is the LOST degree (<paramref name="degrees"/>) plus one for every
    /// non-zero key.
    /// </summary>
    public static int[] PositiveCounts(ReadOnlySpan<float> keys, int dim, ReadOnlySpan<int> degrees)
    {
        int n = PatchCount(keys, dim);
        if (degrees.Length != n)
        {
            throw new LostInputException("degrees", $"has {degrees.Length} values for {n} patches; run LostKernel on these keys first.");
        }
        var counts = new int[n];
        for (int i = 0; i < n; i++)
        {
            var key = keys.Slice(i * dim, dim);
            counts[i] = degrees[i] + (VectorMath.Dot(key, key, KernelWidthSelector.Default) > 0f ? 1 : 0);
        }
        return counts;
    }

    private static int PatchCount(ReadOnlySpan<float> keys, int dim)
    {
        if (dim < 1)
        {
            throw new LostInputException("dim", $"must be at least 1, got {dim}.");
        }
        if (keys.Length == 0 || keys.Length % dim != 0)
        {
            throw new LostInputException("keys", $"has {keys.Length} values, which is not a positive multiple of dim = {dim}.");
        }
        return keys.Length / dim;
    }
}
