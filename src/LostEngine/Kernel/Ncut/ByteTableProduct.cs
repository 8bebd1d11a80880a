using System.Runtime.CompilerServices;

namespace LostEngine.Kernel;

/// <summary>
/// <c>B u</c> over the bit rows through byte tables ("four Russians"), at any width: for each group of 8 columns, a
/// table of the 256 partial sums of u over those columns is built once per product; a row then adds one table entry
/// per byte of its bits, 8 columns per load instead of one. Tables are built 16 groups (128 columns, 32 KiB) at a
/// time, so they stay in L1 while every row passes over them.
/// </summary>
internal static unsafe class ByteTableProduct
{
    private const int GroupsPerChunk = 16;

    /// <summary>Doubles of table scratch.</summary>
    public const int TableLength = GroupsPerChunk * 256;

    /// <summary>rowSums_i = Σ_j B(i, j) u_j for the rows i in [rowStart, rowEnd); u is zero past n.</summary>
    public static void Multiply(ulong* bits, int n, int rowStart, int rowEnd, double* u, double* rowSums, double* tables)
    {
        int words = BitGraph.WordsPerRow(n);
        int groups = words * 8;
        new Span<double>(rowSums + rowStart, rowEnd - rowStart).Clear();
        for (int g0 = 0; g0 < groups; g0 += GroupsPerChunk)
        {
            int count = Math.Min(GroupsPerChunk, groups - g0);
            BuildTables(u, n, g0, count, tables);
            AddRows(bits, rowStart, rowEnd, words, g0, count, tables, rowSums);
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
    private static void AddRows(ulong* bits, int rowStart, int rowEnd, int words, int g0, int count, double* tables, double* rowSums)
    {
        for (int i = rowStart; i < rowEnd; i++)
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
            rowSums[i] += (a0 + a1) + (a2 + a3);
        }
    }
}
