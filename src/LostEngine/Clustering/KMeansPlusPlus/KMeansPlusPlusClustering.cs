using LostEngine.Clustering.Random;

namespace LostEngine.Clustering.KMeansPlusPlus;

/// <summary>
/// k-means++ with restarts: each restart seeds by <see cref="KMeansPlusPlusSeeding"/> and runs
/// <see cref="LloydIterations"/>; the restart of least inertia wins (the first of equals). All restarts draw in
/// turn from one <see cref="LegacyRandomState"/> seeded with the seed.
/// </summary>
internal static class KMeansPlusPlusClustering
{
    public static ClusteringResult Run(double[] data, int rows, int dims, ClusteringOptions options)
    {
        var random = new LegacyRandomState(options.Seed);
        var centres = new double[options.K * dims];
        var labels = new int[rows];
        ClusteringResult? best = null;
        for (int restart = 0; restart < options.Restarts; restart++)
        {
            KMeansPlusPlusSeeding.Choose(data, rows, dims, random, centres);
            LloydIterations.Run(data, rows, dims, centres, labels, options.MaxIterations);
            double inertia = Inertia.Of(data, dims, labels, centres);
            if (best is null || inertia < best.Inertia)
            {
                best = new ClusteringResult((int[])labels.Clone(), (double[])centres.Clone(), dims, inertia, 0);
            }
        }
        return best!;
    }
}
