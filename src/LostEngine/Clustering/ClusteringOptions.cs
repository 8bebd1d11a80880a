namespace LostEngine.Clustering;

/// <summary>What <see cref="BoxClustering.Run"/> does; the defaults are cluster_for_OD.py's (k 20, seed 123) and k-means++ with 10 restarts.</summary>
public sealed record ClusteringOptions
{
    /// <summary>The largest <see cref="Restarts"/> and <see cref="MaxIterations"/> accepted, so a typo cannot run for days.</summary>
    public const int MaxRepeats = 100_000;

    /// <summary>The number of clusters, 1 to the number of rows.</summary>
    public int K { get; init; } = 20;

    /// <summary>Seeds numpy's legacy RandomState (MT19937), which both initialisations draw from.</summary>
    public uint Seed { get; init; } = 123;

    /// <summary>How the clustering starts.</summary>
    public ClusterInitialization Initialization { get; init; } = ClusterInitialization.KMeansPlusPlus;

    /// <summary>k-means++ only: how many seedings to run to convergence; the least inertia is kept.</summary>
    public int Restarts { get; init; } = 10;

    /// <summary>k-means++ only: the cap on Lloyd's iterations of one restart.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>SciPy only: kmeans2's <c>iter</c>, the number of assignment and update steps.</summary>
    public const int ScipyIterations = 10;
}
