using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>Checks that need no reference, shared by the TokenCut and MaskCut invariant properties.</summary>
internal static class NcutInvariants
{
    /// <summary>Every d_i = eps·N + (1 − eps)·e_i for a whole number e_i ∈ [0, N] of edges (diagonal included).</summary>
    public static void DegreesCountEdges(double[] degrees, int n, double eps, string where)
    {
        Assert.Equal(n, degrees.Length);
        foreach (double d in degrees)
        {
            double edges = (d - eps * n) / (1 - eps);
            double whole = Math.Round(edges);
            Assert.True(whole >= 0 && whole <= n && Math.Abs(edges - whole) <= 1e-9 * n, $"degree {d} is not eps·N plus whole edges: {where}");
        }
    }

    /// <summary>xᵀDx = 1, and x is D-orthogonal to the constant vector (y = D^½x is orthogonal to y₁ ∝ D^½·1).</summary>
    public static void EigenvectorIsNormalised(double[] x, double[] degrees, string where)
    {
        double norm = 0, top = 0, volume = degrees.Sum();
        for (int i = 0; i < x.Length; i++)
        {
            norm += degrees[i] * x[i] * x[i];
            top += degrees[i] * x[i];
        }
        NcutAssert.Close(1, norm, 1e-9, $"xᵀDx: {where}");
        NcutAssert.Close(0, top / Math.Sqrt(volume), 1e-8, $"xᵀD1 / ‖D^½1‖: {where}");
    }

    /// <summary>Inside the partition x is at or above its mean, outside at or below (ties at the mean may go either way).</summary>
    public static void PartitionIsAtTheMean(double[] x, bool[] partition, string where)
    {
        double mean = x.Sum() / x.Length;
        double slack = 1e-12 * x.Max(Math.Abs);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(partition[i] ? x[i] >= mean - slack : x[i] <= mean + slack, $"x[{i}] = {x[i]}, mean {mean}, in partition: {partition[i]}: {where}");
        }
    }

    /// <summary>
    /// Whether no decision taken from x is close to rounding: no entry within 1e-7 (relative) of the mean, and none
    /// within 1e-7 of the seed's |x| without tying with it (1e-9).
    /// </summary>
    public static bool ClearlySplit(double[] x, int seed)
    {
        double largest = x.Max(Math.Abs), mean = x.Sum() / x.Length;
        return x.All(v => Math.Abs(v - mean) > 1e-7 * largest)
            && (seed < 0 || x.All(v => Math.Abs(Math.Abs(v) - Math.Abs(x[seed])) is var d && (d <= 1e-9 * largest || d > 1e-7 * largest)));
    }

    /// <summary>The pixel box is the cell box times the cell size, clipped, non-empty and inside the unpadded image.</summary>
    public static void BoxIsInTheImage(PixelBox box, CellBox cells, in PatchGrid grid, string where)
    {
        Assert.Equal(ReferenceNcut.Pixels(cells, grid), box);
        Assert.True(0 <= box.X1 && box.X1 < box.X2 && box.X2 <= grid.ImageWidth, $"box {box} leaves the image's width {grid.ImageWidth}: {where}");
        Assert.True(0 <= box.Y1 && box.Y1 < box.Y2 && box.Y2 <= grid.ImageHeight, $"box {box} leaves the image's height {grid.ImageHeight}: {where}");
    }
}
