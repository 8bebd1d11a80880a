using System.Numerics;
using System.Runtime.InteropServices;

namespace LostEngine.Clustering.KMeansPlusPlus;

/// <summary>The squared Euclidean distance of two rows, vectorised: the k-means++ path owes no one its rounding.</summary>
internal static class SquaredDistance
{
    public static double Of(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = Vector<double>.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..a.Length]);
            for (int v = 0; v < va.Length; v++)
            {
                var difference = va[v] - vb[v];
                sum += difference * difference;
            }
            i = va.Length * Vector<double>.Count;
        }
        double total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            double difference = a[i] - b[i];
            total += difference * difference;
        }
        return total;
    }

    /// <summary>The index of the row of <paramref name="centres"/> nearest to <paramref name="row"/> (the first of equals) and its squared distance.</summary>
    public static (int Index, double Distance) Nearest(ReadOnlySpan<double> row, ReadOnlySpan<double> centres, int dims)
    {
        int nearest = 0;
        double best = double.PositiveInfinity;
        for (int j = 0; j < centres.Length / dims; j++)
        {
            double distance = Of(row, centres.Slice(j * dims, dims));
            if (distance < best)
            {
                best = distance;
                nearest = j;
            }
        }
        return (nearest, best);
    }
}
