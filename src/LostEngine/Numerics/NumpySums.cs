using System.Numerics;

namespace LostEngine.Numerics;

/// <summary>
/// Sums in the order numpy adds, so that results match it bit for bit in the element type: a reduction over the
/// rows of a C-order matrix adds row after row, one running sum per column; a reduction along a contiguous row
/// is numpy's pairwise summation (eight running sums over blocks of at most 128, halves above that).
/// </summary>
internal static class NumpySums
{
    private const int PairwiseBlock = 128;
    private const int Unroll = 8;

    /// <summary><c>matrix.mean(axis=0)</c>: per column, the rows added in order from zero, divided by the row count.</summary>
    public static T[] ColumnMeans<T>(ReadOnlySpan<T> matrix, int rows, int dims)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var means = new T[dims];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<T> row = matrix.Slice(i * dims, dims);
            for (int j = 0; j < dims; j++)
            {
                means[j] += row[j];
            }
        }
        T count = T.CreateTruncating(rows);
        for (int j = 0; j < dims; j++)
        {
            means[j] /= count;
        }
        return means;
    }

    /// <summary><c>np.mean</c> of a contiguous run: the pairwise sum divided by the count.</summary>
    public static T PairwiseMean<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Pairwise(values) / T.CreateChecked(values.Length);

    /// <summary>numpy's pairwise sum of a contiguous run, as <c>np.add.reduce</c> computes it along the last axis.</summary>
    public static T Pairwise<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = values.Length;
        if (n < Unroll)
        {
            T sum = T.Zero;
            foreach (T value in values)
            {
                sum += value;
            }
            return sum;
        }
        if (n <= PairwiseBlock)
        {
            Span<T> partial = stackalloc T[Unroll];
            values[..Unroll].CopyTo(partial);
            int i = Unroll;
            for (; i < n - n % Unroll; i += Unroll)
            {
                for (int j = 0; j < Unroll; j++)
                {
                    partial[j] += values[i + j];
                }
            }
            T result = ((partial[0] + partial[1]) + (partial[2] + partial[3])) + ((partial[4] + partial[5]) + (partial[6] + partial[7]));
            for (; i < n; i++)
            {
                result += values[i];
            }
            return result;
        }
        int half = n / 2;
        half -= half % Unroll;
        return Pairwise(values[..half]) + Pairwise(values[half..]);
    }
}
