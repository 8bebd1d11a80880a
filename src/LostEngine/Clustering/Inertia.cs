using LostEngine.Clustering.KMeansPlusPlus;

namespace LostEngine.Clustering;

/// <summary>The k-means objective: the sum of squared distances from each row to its cluster's centre.</summary>
internal static class Inertia
{
    public static double Of(ReadOnlySpan<double> data, int dims, ReadOnlySpan<int> labels, ReadOnlySpan<double> centres)
    {
        double total = 0.0;
        for (int i = 0; i < labels.Length; i++)
        {
            total += SquaredDistance.Of(data.Slice(i * dims, dims), centres.Slice(labels[i] * dims, dims));
        }
        return total;
    }
}
