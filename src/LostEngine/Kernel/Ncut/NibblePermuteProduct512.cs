using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LostEngine.Kernel;

/// <summary>
/// <c>B u</c> with AVX-512 two-register permutes: 8 rows and 8 columns a step. For each byte column c, two 16-entry
/// tables hold the partial sums of u over its low and high 4 columns (one per nibble value, in two zmm registers
/// each); the 8 rows' bytes of that column (one load from <see cref="BitGraph.InterleaveRowBlocks"/>), widened to 8
/// lanes, index both tables at once (vpermt2pd), so 64 pairs cost two permutes and two adds instead of the eight
/// table loads the byte tables need for 8 rows. Tables are built 32 columns of bytes (8 KiB) at a time so they
/// stay in L1 while every row block passes over them.
/// </summary>
internal static unsafe class NibblePermuteProduct512
{
    private const int BytesPerChunk = 32;

    /// <summary>Doubles of table scratch: 32 a byte column (16 low, 16 high).</summary>
    public const int TableLength = BytesPerChunk * 32;

    /// <summary>rowSums_i = Σ_j B(i, j) u_j for the rows of blocks [blockStart, blockEnd) (8 rows each); u is zero past n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ulong* rowBlocks, int n, int blockStart, int blockEnd, double* u, double* rowSums, double* tables)
    {
        int bytesPerRow = BitGraph.WordsPerRow(n) * 8;
        int usefulBytes = (n + 7) >> 3;
        new Span<double>(rowSums + blockStart * 8, (blockEnd - blockStart) * 8).Clear();
        var low = Vector512.Create(15L);
        for (int c0 = 0; c0 < usefulBytes; c0 += BytesPerChunk)
        {
            int count = Math.Min(BytesPerChunk, usefulBytes - c0);
            BuildTables(u, n, c0, count, tables);
            for (int block = blockStart; block < blockEnd; block++)
            {
                byte* bytes = (byte*)(rowBlocks + (nint)block * bytesPerRow + c0);
                // Two chains (even and odd columns), so an add never waits on the one before it; every lane (row)
                // still adds in the same order, so equal rows keep equal sums.
                var even = Vector512<double>.Zero;
                var odd = Vector512<double>.Zero;
                double* table = tables;
                int c = 0;
                for (; c <= count - 2; c += 2, table += 64, bytes += 16)
                {
                    even += Column(bytes, table, low);
                    odd += Column(bytes + 8, table + 32, low);
                }
                if (c < count)
                {
                    even += Column(bytes, table, low);
                }
                double* sums = rowSums + block * 8;
                (Vector512.Load(sums) + (even + odd)).Store(sums);
            }
        }
    }

    // One byte column of one row block: the 8 rows' bytes index the low and high tables at once.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Column(byte* bytes, double* table, Vector512<long> low)
    {
        var index = Avx512F.ConvertToVector512Int64(Vector128.CreateScalarUnsafe(*(ulong*)bytes).AsByte());
        var lowSums = Avx512F.PermuteVar8x64x2(Vector512.Load(table), index & low, Vector512.Load(table + 8));
        var highSums = Avx512F.PermuteVar8x64x2(Vector512.Load(table + 16), index >>> 4, Vector512.Load(table + 24));
        return lowSums + highSums;
    }

    // Column c's tables: entry m of the low one is the sum of u over columns 8c + k, k < 4, with bit k of m set; the
    // high one the same over columns 8c + 4 + k. Each entry is the entry without its top bit plus one value.
    private static void BuildTables(double* u, int n, int c0, int count, double* tables)
    {
        for (int c = 0; c < count; c++)
        {
            double* table = tables + c * 32;
            int first = (c0 + c) * 8;
            for (int half = 0; half < 2; half++)
            {
                double* nibble = table + half * 16;
                nibble[0] = 0;
                for (int bit = 0; bit < 4; bit++)
                {
                    int column = first + half * 4 + bit;
                    double value = column < n ? u[column] : 0;
                    int size = 1 << bit;
                    for (int m = 0; m < size; m++)
                    {
                        nibble[size + m] = nibble[m] + value;
                    }
                }
            }
        }
    }
}
