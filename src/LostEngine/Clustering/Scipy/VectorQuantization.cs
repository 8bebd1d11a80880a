using System.Numerics;

namespace LostEngine.Clustering.Scipy;

/// <summary>
/// SciPy's <c>vq</c>: each observation's nearest centre, the first of equally near ones, in the element type
/// of its arguments. With fewer than five dimensions SciPy sums squared differences; from five on it expands
/// the distance to <c>-2 o·c + |o|² + |c|²</c>, and this follows it, because the two round differently. SciPy takes
/// the products from BLAS, whose rounding depends on the library (the reference BLAS sums in order, as here;
/// OpenBLAS and MKL block and fuse), so a point within that last-bit rounding of two centres may go either way.
/// </summary>
internal static class VectorQuantization
{
    private const int ExpandedFromDims = 5;

    /// <summary>Writes the index of the nearest row of <paramref name="centres"/> for each row of <paramref name="data"/>.</summary>
    public static void Assign<T>(ReadOnlySpan<T> data, ReadOnlySpan<T> centres, int dims, Span<int> labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = centres.Length / dims;
        if (dims < ExpandedFromDims)
        {
            AssignBySquaredDifferences(data, centres, dims, count, labels);
            return;
        }
        var centreSquares = new T[count];
        for (int j = 0; j < count; j++)
        {
            centreSquares[j] = SumOfProducts(centres.Slice(j * dims, dims), centres.Slice(j * dims, dims));
        }
        T minusTwo = T.CreateTruncating(-2);
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<T> observation = data.Slice(i * dims, dims);
            T observationSquare = SumOfProducts(observation, observation);
            T best = T.PositiveInfinity;
            int nearest = 0;
            for (int j = 0; j < count; j++)
            {
                T distance = minusTwo * SumOfProducts(centres.Slice(j * dims, dims), observation) + observationSquare + centreSquares[j];
                if (distance < best)
                {
                    best = distance;
                    nearest = j;
                }
            }
            labels[i] = nearest;
        }
    }

    private static void AssignBySquaredDifferences<T>(ReadOnlySpan<T> data, ReadOnlySpan<T> centres, int dims, int count, Span<int> labels)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<T> observation = data.Slice(i * dims, dims);
            T best = T.PositiveInfinity;
            int nearest = 0;
            for (int j = 0; j < count; j++)
            {
                ReadOnlySpan<T> centre = centres.Slice(j * dims, dims);
                T distance = T.Zero;
                for (int f = 0; f < dims; f++)
                {
                    T difference = centre[f] - observation[f];
                    distance += difference * difference;
                }
                if (distance < best)
                {
                    best = distance;
                    nearest = j;
                }
            }
            labels[i] = nearest;
        }
    }

    // Separate multiply and add in order: the rounding of the reference BLAS and of SciPy's own C loops.
    private static T SumOfProducts<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int f = 0; f < a.Length; f++)
        {
            sum += a[f] * b[f];
        }
        return sum;
    }
}
