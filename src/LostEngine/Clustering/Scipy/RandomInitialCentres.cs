using System.Numerics;
using LostEngine.Clustering.LinearAlgebra;
using LostEngine.Clustering.Preparation;
using LostEngine.Clustering.Random;
using LostEngine.Numerics;

namespace LostEngine.Clustering.Scipy;

/// <summary>
/// kmeans2's <c>minit='random'</c> (SciPy's <c>_krandinit</c>): k draws of a Gaussian with the data's mean and
/// covariance, <c>standard_normal(size=(k, d)) · Lᵀ + mean</c> with L the Cholesky factor of the covariance.
/// With more dimensions than rows the covariance is singular and SciPy draws <c>standard_normal(size=(k, n))</c>
/// times the rows of <c>S·Vᵀ / √(n−1)</c> from the SVD of the centred data instead. Those rows equal
/// <c>Uᵀ·(data − mean) / √(n−1)</c>, computed here from the eigenvectors U of the n × n Gram matrix. Each singular
/// vector's sign is LAPACK's arbitrary choice (its reflections and QR sweeps decide it); here the component of U
/// largest in magnitude is made positive, so in this case the centres, and so the labels, may differ from SciPy's.
/// </summary>
internal static class RandomInitialCentres
{
    /// <summary>The largest d drawn through the d × d covariance (n·d²/2 steps to form it, d³/3 to factor it: seconds at this size).</summary>
    internal const int MaxCovarianceDims = 2048;

    /// <summary>The largest n decomposed through the n × n Gram matrix when d exceeds n (cyclic Jacobi, about 12 n³ steps).</summary>
    internal const int MaxGramRows = 1024;

    /// <summary>The k × d initial centres, row-major, in float64 as SciPy makes them.</summary>
    /// <exception cref="LostInputException">
    /// The covariance has no Cholesky factor (fewer than 2 rows, or features that are linearly dependent), or it or the
    /// Gram matrix is above its size limit.
    /// </exception>
    public static double[] Draw<T>(ReadOnlySpan<T> data, int rows, int dims, int k, LegacyRandomState random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckSize(rows, dims);
        T[] mean = NumpySums.ColumnMeans(data, rows, dims);
        double[] centres = dims > rows
            ? FromSingularVectors(data, mean, rows, dims, k, random)
            : FromCholesky(data, rows, dims, k, random);
        for (int c = 0; c < k; c++)
        {
            for (int f = 0; f < dims; f++)
            {
                centres[c * dims + f] += double.CreateTruncating(mean[f]);
            }
        }
        return centres;
    }

    /// <exception cref="LostInputException">SciPy's start cannot be drawn for this many rows and dimensions, or only at a cost out of all proportion.</exception>
    internal static void CheckSize(int rows, int dims)
    {
        if (rows < 2)
        {
            throw new LostInputException("init", "SciPy's random initialisation needs the covariance of at least 2 images.");
        }
        if (dims <= rows && dims > MaxCovarianceDims)
        {
            throw new LostInputException("init", $"SciPy's random initialisation factors the {dims} × {dims} covariance of the features, above the limit of {MaxCovarianceDims} dimensions; use --init kmeans++.");
        }
        if (dims > rows && rows > MaxGramRows)
        {
            throw new LostInputException("init", $"with more dimensions ({dims}) than images ({rows}), SciPy's random initialisation takes the SVD of the features, above the limit of {MaxGramRows} images here; use --init kmeans++.");
        }
    }

    private static double[] FromCholesky<T>(ReadOnlySpan<T> data, int rows, int dims, int k, LegacyRandomState random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] columns = CentredColumns(data, rows, dims);
        var covariance = new double[dims * dims];
        double scale = 1.0 / (rows - 1);
        for (int a = 0; a < dims; a++)
        {
            ReadOnlySpan<double> column = columns.AsSpan(a * rows, rows);
            for (int b = 0; b <= a; b++)
            {
                ReadOnlySpan<double> other = columns.AsSpan(b * rows, rows);
                double sum = 0.0;
                for (int i = 0; i < rows; i++)
                {
                    sum += column[i] * other[i];
                }
                covariance[a * dims + b] = covariance[b * dims + a] = sum * scale;
            }
        }
        double[] lower = Cholesky.Factor(covariance, dims)
            ?? throw new LostInputException("init", "the covariance of the whitened features is not positive definite (features linearly dependent), so SciPy's random initialisation cannot draw from it; use --init kmeans++.");
        var normal = new double[k * dims];
        random.FillStandardNormal(normal);
        var centres = new double[k * dims];
        for (int c = 0; c < k; c++)
        {
            for (int f = 0; f < dims; f++)
            {
                double sum = 0.0;
                for (int p = 0; p <= f; p++)
                {
                    sum += normal[c * dims + p] * lower[f * dims + p];
                }
                centres[c * dims + f] = sum;
            }
        }
        return centres;
    }

    private static double[] FromSingularVectors<T>(ReadOnlySpan<T> data, T[] mean, int rows, int dims, int k, LegacyRandomState random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] singularRows = SingularRows(data, mean, rows, dims);
        var normal = new double[k * rows];
        random.FillStandardNormal(normal);
        var centres = new double[k * dims];
        for (int c = 0; c < k; c++)
        {
            for (int r = 0; r < rows; r++)
            {
                double weight = normal[c * rows + r];
                for (int f = 0; f < dims; f++)
                {
                    centres[c * dims + f] += weight * singularRows[r * dims + f];
                }
            }
        }
        return centres;
    }

    /// <summary>The n rows of <c>S·Vh / √(n−1)</c> of the data centred on <paramref name="mean"/> (in the data's precision), largest singular value first.</summary>
    internal static double[] SingularRows<T>(ReadOnlySpan<T> data, T[] mean, int rows, int dims)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var centred = new double[rows * dims];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < dims; f++)
            {
                centred[i * dims + f] = double.CreateTruncating(data[i * dims + f] - mean[f]);
            }
        }
        var gram = new double[rows * rows];
        for (int a = 0; a < rows; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                double sum = 0.0;
                for (int f = 0; f < dims; f++)
                {
                    sum += centred[a * dims + f] * centred[b * dims + f];
                }
                gram[a * rows + b] = gram[b * rows + a] = sum;
            }
        }
        (_, double[] vectors) = SymmetricEigen.Decompose(gram, rows);
        FixSigns(vectors, rows);
        double scale = 1.0 / Math.Sqrt(rows - 1);
        var singularRows = new double[rows * dims];
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < rows; i++)
            {
                double weight = vectors[r * rows + i] * scale;
                for (int f = 0; f < dims; f++)
                {
                    singularRows[r * dims + f] += weight * centred[i * dims + f];
                }
            }
        }
        return singularRows;
    }

    private static void FixSigns(double[] vectors, int size)
    {
        for (int r = 0; r < size; r++)
        {
            Span<double> vector = vectors.AsSpan(r * size, size);
            int largest = 0;
            for (int i = 1; i < size; i++)
            {
                if (Math.Abs(vector[i]) > Math.Abs(vector[largest]))
                {
                    largest = i;
                }
            }
            if (vector[largest] < 0)
            {
                foreach (ref double value in vector)
                {
                    value = -value;
                }
            }
        }
    }

    /// <summary>The data centred on its float64 column means, stored column after column so each covariance entry reads two runs.</summary>
    private static double[] CentredColumns<T>(ReadOnlySpan<T> data, int rows, int dims)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = new double[rows * dims];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = double.CreateTruncating(data[i]);
        }
        double[] mean = NumpySums.ColumnMeans<double>(values, rows, dims);
        var columns = new double[rows * dims];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < dims; f++)
            {
                columns[f * rows + i] = values[i * dims + f] - mean[f];
            }
        }
        return columns;
    }
}
