namespace LostEngine.Clustering;

/// <summary>How the clustering starts.</summary>
public enum ClusterInitialization
{
    /// <summary>k-means++ seeding, several restarts, Lloyd's iterations to convergence; the restart of least inertia wins.</summary>
    KMeansPlusPlus,

    /// <summary>The reference exactly: numpy's legacy RandomState seeded with the seed, then SciPy's kmeans2 with its defaults.</summary>
    Scipy,
}
