using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// ncut-spec §1.5–1.7 and §2.2–2.4 on hand-made vectors: the partition is strictly above the mean, the flip takes
/// the complement (ties at the mean included), and the seeds take the lowest index within 1e-9 (relative) of the
/// largest |x| (TokenCut, MaskCut's s₀) or the largest x (MaskCut after the flip).
/// </summary>
public class BipartitionTests
{
    [Fact]
    public void Split_keeps_the_entries_strictly_above_the_mean()
    {
        double[] x = [1, 2, 3, 6, -0.5, 3.5];
        var partition = new byte[x.Length];
        // Mean 2.5833…: 3, 6 and 3.5 are above it.
        Assert.Equal(3, Bipartition.Split(x, partition));
        Assert.Equal(new byte[] { 0, 0, 1, 1, 0, 1 }, partition);

        double[] atTheMean = [1, 2, 3];
        var three = new byte[] { 1, 1, 1 };
        Assert.Equal(1, Bipartition.Split(atTheMean, three));
        Assert.Equal(new byte[] { 0, 0, 1 }, three);

        double[] equal = [0.5, 0.5, 0.5, 0.5];
        var none = new byte[] { 1, 1, 1, 1 };
        Assert.Equal(0, Bipartition.Split(equal, none));
        Assert.Equal(new byte[4], none);
    }

    [Fact]
    public void Flip_negates_x_and_takes_the_complement_ties_at_the_mean_included()
    {
        double[] x = [1, 2, 3];
        var partition = new byte[3];
        Bipartition.Split(x, partition);
        Assert.Equal(2, Bipartition.Flip(x, partition));
        Assert.Equal([-1.0, -2.0, -3.0], x);
        // 2 sat at the mean: outside before the flip, inside after it (numpy's logical_not, not a new split).
        Assert.Equal(new byte[] { 1, 1, 0 }, partition);
    }

    [Fact]
    public void LargestMagnitude_takes_the_lowest_index_within_the_tie_tolerance()
    {
        double tie = 1 - 0.5 * Bipartition.TieTolerance, apart = 1 - 2 * Bipartition.TieTolerance;
        Assert.Equal(1, Bipartition.LargestMagnitude([0.5, -tie, 1, -0.25]));
        Assert.Equal(2, Bipartition.LargestMagnitude([0.5, apart, -1, 1]));
        Assert.Equal(0, Bipartition.LargestMagnitude([-3e-8, 3e-8 * tie]));
        Assert.Equal(3, Bipartition.LargestMagnitude([1, 2, 3, -4]));
        Assert.Equal(0, Bipartition.LargestMagnitude([0, 0, 0]));
    }

    [Fact]
    public void Largest_takes_the_lowest_index_within_the_tie_tolerance_of_the_largest_value_not_magnitude()
    {
        double tie = 1 - 0.5 * Bipartition.TieTolerance, apart = 1 - 2 * Bipartition.TieTolerance;
        Assert.Equal(1, Bipartition.Largest([-5, tie, 1, 0.2]));
        Assert.Equal(2, Bipartition.Largest([-5, apart, 1, 0.2]));
        // All negative: the tolerance is relative to |largest|, on the side of more negative values.
        Assert.Equal(1, Bipartition.Largest([-3, -1 - 0.5 * Bipartition.TieTolerance, -1]));
        Assert.Equal(2, Bipartition.Largest([-3, -1 - 2 * Bipartition.TieTolerance, -1]));
        Assert.Equal(0, Bipartition.Largest([0, 0]));
    }
}
