namespace LostEngine.Clustering.KMeansPlusPlus;

/// <summary>
/// Lloyd's k-means iterations: assign each row to its nearest centre, move each centre to its rows' mean, until
/// no label changes or the cap is reached. A centre left without rows keeps its position, as SciPy's kmeans2 does.
/// </summary>
internal static class LloydIterations
{
    /// <summary>Runs from the given <paramref name="centres"/>, updating them and <paramref name="labels"/>; returns the iterations run.</summary>
    public static int Run(ReadOnlySpan<double> data, int rows, int dims, Span<double> centres, Span<int> labels, int maxIterations)
    {
        Assign(data, rows, dims, centres, labels);
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            ClusterMeans.Update(data, labels, dims, centres);
            if (!Assign(data, rows, dims, centres, labels))
            {
                return iteration;
            }
        }
        return maxIterations;
    }

    private static bool Assign(ReadOnlySpan<double> data, int rows, int dims, ReadOnlySpan<double> centres, Span<int> labels)
    {
        bool changed = false;
        for (int i = 0; i < rows; i++)
        {
            int nearest = SquaredDistance.Nearest(data.Slice(i * dims, dims), centres, dims).Index;
            changed |= labels[i] != nearest;
            labels[i] = nearest;
        }
        return changed;
    }
}
