namespace LostEngine.Clustering;

/// <summary>A clustering of n rows into k clusters.</summary>
/// <param name="Labels">Each row's cluster, 0 to k − 1.</param>
/// <param name="Centres">The k centres, k × d row-major, in the space of the whitened, row-normalised features.</param>
/// <param name="Dims">d, the length of a centre.</param>
/// <param name="Inertia">The sum over rows of the squared distance to their cluster's centre (in that space).</param>
/// <param name="EmptyClusterSteps">How many update steps found a cluster without rows (SciPy warns at each; the centre stays).</param>
public sealed record ClusteringResult(int[] Labels, double[] Centres, int Dims, double Inertia, int EmptyClusterSteps)
{
    /// <summary>The number of clusters.</summary>
    public int K => Centres.Length / Dims;
}
