namespace LostEngine.Kernel;

/// <summary>
/// The degree pass in plain scalar code: the baseline of the width ladder and the path for CPUs without
/// usable vectors. Each pair is computed once and counted for both of its patches.
/// </summary>
internal static class ScalarDegreeCounter
{
    /// <summary>
    /// Counts positive similarities <c>s(i, j) = keys_i · keys_j</c> for every pair with i in
    /// [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) and i &lt; j &lt; n, adding 1 to
    /// <c>degrees[i]</c> and <c>degrees[j]</c> for each positive pair. The diagonal never counts.
    /// </summary>
    public static void CountRows(ReadOnlySpan<float> keys, int n, int dim, int rowStart, int rowEnd, Span<int> degrees)
    {
        for (int i = rowStart; i < rowEnd; i++)
        {
            var ki = keys.Slice(i * dim, dim);
            int rowCount = 0;
            for (int j = i + 1; j < n; j++)
            {
                var kj = keys.Slice(j * dim, dim);
                float s = 0f;
                for (int t = 0; t < dim; t++)
                {
                    s = MathF.FusedMultiplyAdd(ki[t], kj[t], s);
                }
                if (s > 0f)
                {
                    rowCount++;
                    degrees[j]++;
                }
            }
            degrees[i] += rowCount;
        }
    }
}
