using System.Numerics;
using LostEngine.Clustering.Random;

namespace LostEngine.Clustering.Scipy;

/// <summary>
/// SciPy's <c>kmeans2(data, k)</c> with its defaults (<c>minit='random'</c>, <c>iter=10</c>, <c>missing='warn'</c>)
/// drawing from the global RandomState cluster_for_OD.py seeded. The types follow numpy's: the random centres
/// are float64, so the first assignment runs in float64; the means are computed in the data's precision, so for
/// float32 data every later assignment runs in float32. The labels returned are those of the last assignment,
/// the centres those of the update after it, as kmeans2 returns them.
/// </summary>
internal static class ScipyKMeans2
{
    public static (int[] Labels, T[] Centres, int EmptyClusterSteps) Run<T>(T[] data, int rows, int dims, int k, uint seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new LegacyRandomState(seed);
        double[] initial = RandomInitialCentres.Draw<T>(data, rows, dims, k, random);
        var labels = new int[rows];
        VectorQuantization.Assign<double>(Array.ConvertAll(data, double.CreateTruncating), initial, dims, labels);
        T[] centres = Array.ConvertAll(initial, T.CreateTruncating);
        int emptySteps = 0;
        for (int iteration = 0; iteration < ClusteringOptions.ScipyIterations; iteration++)
        {
            if (iteration > 0)
            {
                VectorQuantization.Assign<T>(data, centres, dims, labels);
            }
            if (ClusterMeans.Update<T>(data, labels, dims, centres) > 0)
            {
                emptySteps++;
            }
        }
        return (labels, centres, emptySteps);
    }
}
