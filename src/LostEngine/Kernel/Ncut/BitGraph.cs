using System.Numerics;
using System.Runtime.CompilerServices;

namespace LostEngine.Kernel;

/// <summary>
/// The binary patch graph <c>B(i, j) = [s(i, j) &gt; tau]</c> as bits: row i holds bit j of column j, 64 to a
/// word, <see cref="WordsPerRow"/> words a row (N²/8 bytes: 180 KB at N = 1200, against 11.5 MB for the float64
/// matrix the reference builds). The pair pass writes the upper triangle; <see cref="Symmetrize"/> mirrors it, so
/// every row is whole and the products with the graph read rows only. Bits at and past N are always zero.
/// </summary>
internal static unsafe class BitGraph
{
    /// <summary>Words in a row of an <paramref name="n"/>-patch graph.</summary>
    public static int WordsPerRow(int n) => (n + 63) >> 6;

    /// <summary>Words the graph of <paramref name="n"/> patches takes.</summary>
    public static long Length(int n) => (long)n * WordsPerRow(n);

    /// <summary>
    /// Copies the upper triangle onto the lower one, 64 × 64 blocks at a time: each block above the diagonal is
    /// transposed into its mirror, and each diagonal block is OR-ed with its own transpose (its lower half and
    /// diagonal are still zero). The diagonal itself is set apart, by <see cref="SetDiagonal"/>.
    /// </summary>
    [SkipLocalsInit]
    public static void Symmetrize(ulong* bits, int n)
    {
        int words = WordsPerRow(n);
        ulong* block = stackalloc ulong[64];
        for (int bi = 0; bi < words; bi++)
        {
            int rows = Math.Min(64, n - (bi << 6));
            for (int bj = bi; bj < words; bj++)
            {
                for (int r = 0; r < 64; r++)
                {
                    block[r] = r < rows ? bits[(nint)((bi << 6) + r) * words + bj] : 0UL;
                }
                Transpose64(block);
                // Row c of the transposed block is column c of the source: the rows of block row bj.
                int targetRows = Math.Min(64, n - (bj << 6));
                for (int c = 0; c < targetRows; c++)
                {
                    bits[(nint)((bj << 6) + c) * words + bi] |= block[c];
                }
            }
        }
    }

    /// <summary>Transposes a 64 × 64 bit matrix in place (row r is word r, column c is bit c), by swapping ever smaller quadrants.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose64(ulong* a)
    {
        ulong mask = 0x0000_0000_FFFF_FFFFUL;
        for (int j = 32; j != 0; j >>= 1, mask ^= mask << j)
        {
            // Each pair (k, k + j) with bit j of k clear swaps the top-right j × j quadrant of its 2j × 2j block
            // (row k, columns c + j) with the bottom-left one (row k + j, columns c).
            for (int k = 0; k < 64; k = ((k | j) + 1) & ~j)
            {
                ulong t = ((a[k] >> j) ^ a[k | j]) & mask;
                a[k] ^= t << j;
                a[k | j] ^= t;
            }
        }
    }

    /// <summary>Words the row-block copy of an <paramref name="n"/>-patch graph takes (see <see cref="InterleaveRowBlocks"/>).</summary>
    public static long RowBlockLength(int n) => (long)((n + 7) >> 3) * WordsPerRow(n) * 8;

    /// <summary>
    /// The graph again, 8 rows at a time: word <c>(R · bytesPerRow + c)</c> holds byte c of rows 8R … 8R + 7, one
    /// byte per row, so one load brings the same 8 columns of 8 rows (<see cref="NibblePermuteProduct512"/>). Rows
    /// past N read as zero. Made from the rows by 8 × 8 byte transposes.
    /// </summary>
    [SkipLocalsInit]
    public static void InterleaveRowBlocks(ulong* bits, int n, ulong* blocks)
    {
        int words = WordsPerRow(n);
        int bytesPerRow = words * 8;
        ulong* group = stackalloc ulong[8];
        for (int block = 0; block < (n + 7) >> 3; block++)
        {
            int first = block << 3;
            for (int w = 0; w < words; w++)
            {
                for (int r = 0; r < 8; r++)
                {
                    group[r] = first + r < n ? bits[(nint)(first + r) * words + w] : 0UL;
                }
                TransposeBytes8(group);
                ulong* target = blocks + (nint)block * bytesPerRow + w * 8;
                for (int b = 0; b < 8; b++)
                {
                    target[b] = group[b];
                }
            }
        }
    }

    /// <summary>Transposes 8 × 8 bytes in place (word r, byte b ↔ word b, byte r), by swapping ever smaller quadrants.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void TransposeBytes8(ulong* a)
    {
        Swap(a, 0, 4, 32, 0x0000_0000_FFFF_FFFFUL);
        Swap(a, 1, 5, 32, 0x0000_0000_FFFF_FFFFUL);
        Swap(a, 2, 6, 32, 0x0000_0000_FFFF_FFFFUL);
        Swap(a, 3, 7, 32, 0x0000_0000_FFFF_FFFFUL);
        Swap(a, 0, 2, 16, 0x0000_FFFF_0000_FFFFUL);
        Swap(a, 1, 3, 16, 0x0000_FFFF_0000_FFFFUL);
        Swap(a, 4, 6, 16, 0x0000_FFFF_0000_FFFFUL);
        Swap(a, 5, 7, 16, 0x0000_FFFF_0000_FFFFUL);
        Swap(a, 0, 1, 8, 0x00FF_00FF_00FF_00FFUL);
        Swap(a, 2, 3, 8, 0x00FF_00FF_00FF_00FFUL);
        Swap(a, 4, 5, 8, 0x00FF_00FF_00FF_00FFUL);
        Swap(a, 6, 7, 8, 0x00FF_00FF_00FF_00FFUL);

        static void Swap(ulong* a, int top, int bottom, int shift, ulong mask)
        {
            ulong t = ((a[top] >> shift) ^ a[bottom]) & mask;
            a[top] ^= t << shift;
            a[bottom] ^= t;
        }
    }

    /// <summary>Sets or clears bit (i, i).</summary>
    public static void SetDiagonal(ulong* bits, int words, int i, bool edge)
    {
        ulong bit = 1UL << (i & 63);
        ulong* word = bits + (nint)i * words + (i >> 6);
        *word = edge ? *word | bit : *word & ~bit;
    }

    /// <summary>Edges in row <paramref name="i"/>, diagonal included.</summary>
    public static int RowCount(ulong* bits, int words, int i)
    {
        ulong* row = bits + (nint)i * words;
        int count = 0;
        for (int w = 0; w < words; w++)
        {
            count += BitOperations.PopCount(row[w]);
        }
        return count;
    }

    /// <summary>Whether rows <paramref name="a"/> and <paramref name="b"/> are the same.</summary>
    public static bool RowsEqual(ulong* bits, int words, int a, int b) =>
        new ReadOnlySpan<ulong>(bits + (nint)a * words, words).SequenceEqual(new ReadOnlySpan<ulong>(bits + (nint)b * words, words));

    /// <summary>
    /// A 64-bit hash of row <paramref name="i"/>: equal rows hash equally, so values drawn from it are the same for
    /// structurally equal patches (see <see cref="FiedlerSolver"/>).
    /// </summary>
    public static ulong RowHash(ulong* bits, int words, int i, ulong seed)
    {
        ulong* row = bits + (nint)i * words;
        ulong h = seed ^ 0x9E37_79B9_7F4A_7C15UL;
        for (int w = 0; w < words; w++)
        {
            h = Mix(h ^ row[w]) + (ulong)w;
        }
        return Mix(h);
    }

    /// <summary>The finaliser of SplitMix64: every input bit moves every output bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Gives every marked cell a zero key's row and column: its similarity with anything (itself included) is 0,
    /// so it is an edge exactly when 0 &gt; tau. This is MaskCut's painting (ncut-spec §2.1) done on the graph
    /// instead of by a new pass over the keys: the pairs of unpainted cells keep their similarities.
    /// </summary>
    public static void Paint(ulong* bits, int n, ReadOnlySpan<byte> painted, bool zeroIsEdge, Span<ulong> paintedColumns)
    {
        int words = WordsPerRow(n);
        paintedColumns = paintedColumns[..words];
        paintedColumns.Clear();
        for (int j = 0; j < n; j++)
        {
            if (painted[j] != 0)
            {
                paintedColumns[j >> 6] |= 1UL << (j & 63);
            }
        }
        for (int i = 0; i < n; i++)
        {
            ulong* row = bits + (nint)i * words;
            bool paintedRow = painted[i] != 0;
            for (int w = 0; w < words; w++)
            {
                row[w] = (paintedRow, zeroIsEdge) switch
                {
                    (true, true) => ValidBits(w, n),
                    (true, false) => 0UL,
                    (false, true) => row[w] | paintedColumns[w],
                    (false, false) => row[w] & ~paintedColumns[w],
                };
            }
        }
    }

    // The bits of word w that are columns below n.
    private static ulong ValidBits(int w, int n)
    {
        int remaining = n - (w << 6);
        return remaining >= 64 ? ulong.MaxValue : (1UL << remaining) - 1;
    }
}
