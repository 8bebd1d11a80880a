namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// NumPy's pairwise summation (<c>np.sum</c>, <c>np.mean</c> of float64): eight running sums over blocks of up to
/// 128 values, halves above that. Summing in NumPy's order gives the reference's APs and means to the last bit,
/// so a tie between two clusters in the matching is a tie here too.
/// </summary>
internal static class PairwiseSum
{
    private const int BlockSize = 128;

    /// <summary>The sum of <paramref name="values"/> in NumPy's order.</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n < 8)
        {
            double sum = 0;
            foreach (double value in values)
            {
                sum += value;
            }
            return sum;
        }
        if (n <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            values[..8].CopyTo(r);
            int i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                for (int j = 0; j < 8; j++)
                {
                    r[j] += values[i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                res += values[i];
            }
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return Sum(values[..half]) + Sum(values[half..]);
    }

    /// <summary>The mean as <c>np.mean</c> computes it: the pairwise sum divided by the count.</summary>
    public static double Mean(ReadOnlySpan<double> values) => Sum(values) / values.Length;
}
