using System.Globalization;

namespace LostEngine.Clustering;

/// <summary>
/// The features to cluster: one row per image, n × d, row-major, in the precision they were made in. The
/// precision matters to <see cref="ClusterInitialization.Scipy"/>, which computes in float32 where numpy does
/// for float32 features (the reference's CLS tokens are float32).
/// </summary>
public sealed class FeatureRows
{
    private FeatureRows(float[]? singleValues, double[]? doubleValues, int rows, int dims)
    {
        SingleValues = singleValues;
        DoubleValues = doubleValues;
        Rows = rows;
        Dims = dims;
    }

    /// <summary>How many rows (images).</summary>
    public int Rows { get; }

    /// <summary>How many values per row.</summary>
    public int Dims { get; }

    /// <summary>Whether the features are float32 (<see cref="FromSingle"/>) rather than float64.</summary>
    public bool IsSinglePrecision => SingleValues is not null;

    internal float[]? SingleValues { get; }

    internal double[]? DoubleValues { get; }

    /// <summary>float32 features, row-major.</summary>
    /// <exception cref="LostInputException">The shape does not fit the values, or a value is NaN or infinite.</exception>
    public static FeatureRows FromSingle(float[] values, int rows, int dims)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckShape(values.Length, rows, dims);
        CheckFinite(values, dims);
        return new FeatureRows(values, null, rows, dims);
    }

    /// <summary>float64 features, row-major.</summary>
    /// <exception cref="LostInputException">The shape does not fit the values, or a value is NaN or infinite.</exception>
    public static FeatureRows FromDouble(double[] values, int rows, int dims)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckShape(values.Length, rows, dims);
        CheckFinite(values, dims);
        return new FeatureRows(null, values, rows, dims);
    }

    private static void CheckShape(int length, int rows, int dims)
    {
        if (rows < 1 || dims < 1)
        {
            throw new LostInputException("features", $"must have at least one row and one column, not {rows} × {dims}.");
        }
        if ((long)rows * dims != length)
        {
            throw new LostInputException("features", $"{length} values do not make {rows} rows of {dims}.");
        }
    }

    private static void CheckFinite<T>(T[] values, int dims)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
            {
                throw new LostInputException("features", $"row {i / dims}, column {i % dims} is {values[i].ToString(null, CultureInfo.InvariantCulture)}; every feature must be a finite number.");
            }
        }
    }
}
