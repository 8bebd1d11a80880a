using System.Runtime.CompilerServices;

namespace LostEngine.Kernel;

/// <summary>
/// The product with the normalized graph, <c>y = D^-½ A D^-½ q</c>, where <c>A = eps·J + (1 − eps)·B</c>: the
/// all-eps part is one sum, and the binary part reads the bit rows through byte tables ("four Russians"). For
/// each group of 8 columns, a table of 256 partial sums of <c>u = D^-½ q</c> over those columns is built once per
/// product; a row then adds one table entry per byte of its bits, 8 columns per load instead of one. Tables are
/// built 16 groups (128 columns, 32 KiB) at a time, so they stay in L1 while every row passes over them.
/// Identical bit rows read identical bytes from identical tables in the same order: their results are equal to
/// the last bit, which the solver's exact tie-breaking relies on.
/// </summary>
internal static unsafe class GraphProduct
{
    /// <summary>Byte groups whose tables are built together.</summary>
    public const int GroupsPerChunk = 16;

    /// <summary>Doubles of table scratch a product needs.</summary>
    public const int TableLength = GroupsPerChunk * 256;

    /// <summary>
    /// <paramref name="y"/> = D^-½ A D^-½ <paramref name="q"/> for the graph of <paramref name="n"/> patches.
    /// <paramref name="u"/> (n doubles) and <paramref name="tables"/> (<see cref="TableLength"/>) are scratch.
    /// </summary>
    [SkipLocalsInit]
    public static void Apply(ulong* bits, int n, double eps, double* invSqrt, double* q, double* y, double* u, double* tables)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            u[i] = invSqrt[i] * q[i];
            sum += u[i];
            y[i] = 0;
        }
        int words = BitGraph.WordsPerRow(n);
        int groups = words * 8;
        for (int g0 = 0; g0 < groups; g0 += GroupsPerChunk)
        {
            int count = Math.Min(GroupsPerChunk, groups - g0);
            BuildTables(u, n, g0, count, tables);
            AddRows(bits, n, words, g0, count, tables, y);
        }
        double allEps = eps * sum;
        double edge = 1 - eps;
        for (int i = 0; i < n; i++)
        {
            y[i] = invSqrt[i] * (allEps + edge * y[i]);
        }
    }

    // Table g holds, at index b, the sum of u over the columns 8g + k whose bit k of b is set: entry b with its top
    // bit set is the entry without it plus that column's value, so each entry is one addition.
    private static void BuildTables(double* u, int n, int g0, int count, double* tables)
    {
        for (int g = 0; g < count; g++)
        {
            double* table = tables + g * 256;
            table[0] = 0;
            int first = (g0 + g) * 8;
            for (int bit = 0; bit < 8; bit++)
            {
                int column = first + bit;
                double value = column < n ? u[column] : 0;
                int half = 1 << bit;
                for (int low = 0; low < half; low++)
                {
                    table[half + low] = table[low] + value;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRows(ulong* bits, int n, int words, int g0, int count, double* tables, double* y)
    {
        for (int i = 0; i < n; i++)
        {
            byte* row = (byte*)(bits + (nint)i * words) + g0;
            // Four chains, so the adds overlap instead of waiting on each other.
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            int g = 0;
            for (; g <= count - 4; g += 4)
            {
                a0 += tables[(g << 8) + row[g]];
                a1 += tables[((g + 1) << 8) + row[g + 1]];
                a2 += tables[((g + 2) << 8) + row[g + 2]];
                a3 += tables[((g + 3) << 8) + row[g + 3]];
            }
            for (; g < count; g++)
            {
                a0 += tables[(g << 8) + row[g]];
            }
            y[i] += (a0 + a1) + (a2 + a3);
        }
    }
}
