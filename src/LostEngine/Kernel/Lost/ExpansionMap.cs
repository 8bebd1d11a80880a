namespace LostEngine.Kernel;

/// <summary>
/// Spec step 6: <c>M(j) = Σ_{s ∈ similars} k_s · k_j = (Σ k_s) · k_j</c>, one summed key and one
/// matrix-vector product instead of a second N×N pass.
/// </summary>
internal static class ExpansionMap
{
    /// <summary>Fills <paramref name="map"/> (length N) using <paramref name="summedKey"/> (length d) as scratch.</summary>
    public static void Compute(ReadOnlySpan<float> keys, int dim, ReadOnlySpan<int> similars, Span<float> summedKey, Span<float> map, KernelWidth width)
    {
        summedKey.Clear();
        foreach (int s in similars)
        {
            VectorMath.AddInto(summedKey, keys.Slice(s * dim, dim), width);
        }
        VectorMath.MultiplyRows(keys, summedKey, map, width);
    }
}
