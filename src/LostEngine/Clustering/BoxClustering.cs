using System.Numerics;
using LostEngine.Clustering.KMeansPlusPlus;
using LostEngine.Clustering.Preparation;
using LostEngine.Clustering.Scipy;

namespace LostEngine.Clustering;

/// <summary>
/// Clusters the features of boxes into pseudo-classes as cluster_for_OD.py does: the features are whitened (each
/// column divided by its standard deviation) and each row divided by its norm, then clustered by k-means from the
/// chosen <see cref="ClusterInitialization"/>.
/// </summary>
public static class BoxClustering
{
    /// <summary>Clusters the rows of <paramref name="features"/>.</summary>
    /// <exception cref="LostInputException">
    /// An option is out of range (input names <c>k</c>, <c>restarts</c>, <c>max_iterations</c>), a row is zero
    /// (input <c>features</c>), or SciPy's initialisation cannot draw from these features (input <c>init</c>).
    /// </exception>
    public static ClusteringResult Run(FeatureRows features, ClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        Validate(features.Rows, options);
        return features.IsSinglePrecision
            ? Run(features.SingleValues!, features.Rows, features.Dims, options)
            : Run(features.DoubleValues!, features.Rows, features.Dims, options);
    }

    private static ClusteringResult Run<T>(T[] features, int rows, int dims, ClusteringOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] prepared = ScipyWhitening.Prepare<T>(features, rows, dims);
        double[] data = Array.ConvertAll(prepared, double.CreateTruncating);
        if (options.Initialization == ClusterInitialization.KMeansPlusPlus)
        {
            return KMeansPlusPlusClustering.Run(data, rows, dims, options);
        }
        var (labels, centres, emptySteps) = ScipyKMeans2.Run(prepared, rows, dims, options.K, options.Seed);
        double[] wideCentres = Array.ConvertAll(centres, double.CreateTruncating);
        return new ClusteringResult(labels, wideCentres, dims, Inertia.Of(data, dims, labels, wideCentres), emptySteps);
    }

    /// <summary>Refuses options that cannot cluster <paramref name="rows"/> rows, before features are at hand.</summary>
    /// <exception cref="LostInputException">An option is out of range; the message names it as <see cref="Run"/>'s would.</exception>
    internal static void Validate(int rows, ClusteringOptions options)
    {
        if (options.K < 1 || options.K > rows)
        {
            throw new LostInputException("k", $"must be from 1 to the number of images ({rows}), not {options.K}.");
        }
        if (options.Restarts is < 1 or > ClusteringOptions.MaxRepeats)
        {
            throw new LostInputException("restarts", $"must be from 1 to {ClusteringOptions.MaxRepeats}, not {options.Restarts}.");
        }
        if (options.MaxIterations is < 1 or > ClusteringOptions.MaxRepeats)
        {
            throw new LostInputException("max_iterations", $"must be from 1 to {ClusteringOptions.MaxRepeats}, not {options.MaxIterations}.");
        }
    }
}
