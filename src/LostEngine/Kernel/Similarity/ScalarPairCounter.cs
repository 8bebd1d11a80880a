namespace LostEngine.Kernel;

/// <summary>
/// The pair pass in plain scalar code: the baseline of the width ladder and the path for CPUs without usable
/// vectors. Each pair is computed once and counted for both of its patches.
/// </summary>
internal static unsafe class ScalarPairCounter
{
    // The sink takes a row's pairs 32 columns at a time, at multiples of 32, like the widest tile's panels.
    private const int Width = 32;

    /// <summary>
    /// Every pair with i in [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) and i &lt; j &lt; n whose
    /// similarity <c>keys_i · keys_j</c> is above <paramref name="threshold"/> goes to the sink as row i's, and adds
    /// 1 to <c>degrees[j]</c>. The diagonal never counts.
    /// </summary>
    public static void CountRows<TSink>(float* keys, int n, int dim, int rowStart, int rowEnd, float threshold, int* degrees,
        ref TSink sink)
        where TSink : struct, IPairSink
    {
        for (int i = rowStart; i < rowEnd; i++)
        {
            float* ki = keys + (nint)i * dim;
            for (int j0 = (i + 1) / Width * Width; j0 < n; j0 += Width)
            {
                uint lanes = 0;
                int end = Math.Min(n, j0 + Width);
                for (int j = Math.Max(j0, i + 1); j < end; j++)
                {
                    float* kj = keys + (nint)j * dim;
                    float s = 0f;
                    for (int t = 0; t < dim; t++)
                    {
                        s = MathF.FusedMultiplyAdd(ki[t], kj[t], s);
                    }
                    if (s > threshold)
                    {
                        lanes |= 1u << (j - j0);
                        degrees[j]++;
                    }
                }
                sink.Row(i, j0, lanes, Width);
            }
        }
    }
}
