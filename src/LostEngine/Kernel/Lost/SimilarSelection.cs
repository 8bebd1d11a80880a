namespace LostEngine.Kernel;

/// <summary>Spec step 5: the potentials whose raw similarity with the seed is strictly positive.</summary>
internal static class SimilarSelection
{
    /// <summary>Writes the similars in ascending patch order and returns how many there are.</summary>
    public static int Select(ReadOnlySpan<float> keys, int dim, int seed, ReadOnlySpan<int> potentials, Span<int> similars, KernelWidth width)
    {
        var seedKey = keys.Slice(seed * dim, dim);
        int count = 0;
        foreach (int p in potentials)
        {
            if (VectorMath.Dot(seedKey, keys.Slice(p * dim, dim), width) > 0f)
            {
                similars[count++] = p;
            }
        }
        similars[..count].Sort();
        return count;
    }
}
