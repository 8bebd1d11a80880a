using LostEngine.Numerics;

namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// NumPy's pairwise summation (<c>np.sum</c>, <c>np.mean</c> of float64), the one the clustering's whitening uses.
/// Summing in NumPy's order gives the reference's APs and means to the last bit, so a tie between two clusters in the
/// matching is a tie here too.
/// </summary>
internal static class PairwiseSum
{
    /// <summary>The sum of <paramref name="values"/> in NumPy's order.</summary>
    public static double Sum(ReadOnlySpan<double> values) => NumpySums.Pairwise(values);

    /// <summary>The mean as <c>np.mean</c> computes it: the pairwise sum divided by the count.</summary>
    public static double Mean(ReadOnlySpan<double> values) => Sum(values) / values.Length;
}
