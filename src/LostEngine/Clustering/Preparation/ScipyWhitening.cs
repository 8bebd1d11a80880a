using System.Numerics;
using LostEngine.Numerics;

namespace LostEngine.Clustering.Preparation;

/// <summary>
/// The features as cluster_for_OD.py hands them to kmeans2: <c>vq.whiten(x)</c> (each column divided by its
/// population standard deviation, a column of deviation zero left as it is) and then each row divided by its L2
/// norm, all in the features' own precision as numpy computes them.
/// </summary>
internal static class ScipyWhitening
{
    /// <summary>Returns the whitened, row-normalised copy of the row-major <paramref name="features"/>.</summary>
    /// <exception cref="LostInputException">A row is zero after whitening, so it has no direction.</exception>
    public static T[] Prepare<T>(ReadOnlySpan<T> features, int rows, int dims)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] deviations = ColumnDeviations(features, rows, dims);
        var prepared = new T[features.Length];
        var squares = new T[dims];
        for (int i = 0; i < rows; i++)
        {
            Span<T> row = prepared.AsSpan(i * dims, dims);
            ReadOnlySpan<T> source = features.Slice(i * dims, dims);
            for (int j = 0; j < dims; j++)
            {
                row[j] = source[j] / deviations[j];
                squares[j] = row[j] * row[j];
            }
            T norm = T.Sqrt(NumpySums.Pairwise<T>(squares));
            if (norm == T.Zero)
            {
                throw new LostInputException("features", $"row {i} is all zeros, so it has no direction to cluster by (SciPy's kmeans2 refuses the NaN its normalisation makes).");
            }
            if (!T.IsFinite(norm))
            {
                throw new LostInputException("features", $"row {i} overflows its precision when whitened (norm {norm}).");
            }
            for (int j = 0; j < dims; j++)
            {
                row[j] /= norm;
            }
        }
        return prepared;
    }

    /// <summary><c>x.std(axis=0)</c> with numpy's two passes, a zero deviation replaced by one as <c>whiten</c> does.</summary>
    private static T[] ColumnDeviations<T>(ReadOnlySpan<T> features, int rows, int dims)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] means = NumpySums.ColumnMeans(features, rows, dims);
        var squares = new T[features.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < dims; j++)
            {
                T centred = features[i * dims + j] - means[j];
                squares[i * dims + j] = centred * centred;
            }
        }
        T[] deviations = NumpySums.ColumnMeans<T>(squares, rows, dims);
        for (int j = 0; j < dims; j++)
        {
            deviations[j] = deviations[j] == T.Zero ? T.One : T.Sqrt(deviations[j]);
        }
        return deviations;
    }
}
