using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LostEngine.Kernel;

/// <summary>
/// The degree pass on 512-bit vectors: a register-tiled broadcast-FMA micro-kernel of 8 rows × 32 patches over
/// the upper triangle of K·Kᵀ, reading the columns from <see cref="KeyPanels"/> of width 32. Each step of the d loop
/// broadcasts component t of 8 row keys and multiplies it with two vector loads of the panel, so the 16
/// accumulators hold 32 similarities per row with no horizontal sum; their signs are then counted with
/// movemask + popcount for the rows and per-lane integer sums for the columns. The N×N matrix never exists.
/// Shape: 16 accumulators + 2 panel vectors + 1 broadcast, half of the 32 zmm registers, so the FMA latency is
/// covered twice over. Not timed yet (the machine it was written on has no AVX-512); its tiling, tails and
/// diagonal are tested everywhere through .NET's software Vector512.
/// </summary>
internal static unsafe class Vector512DegreeCounter
{
    /// <summary>Patches per panel: two vectors of 16 lanes.</summary>
    public const int PanelWidth = 32;

    private const int TileRows = 8;

    // A multiple of TileRows whose keys (72 KiB at d = 384) stay in L2 while the panels stream past.
    private const int BlockRows = 48;

    /// <summary>
    /// Same contract as <see cref="ScalarDegreeCounter.CountRows"/>: adds the positive pairs (i, j), i in
    /// [<paramref name="rowStart"/>, <paramref name="rowEnd"/>), i &lt; j &lt; n, to both degrees.
    /// <paramref name="panels"/> holds the keys packed by <see cref="KeyPanels.Pack"/> with width 32.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CountRows(ReadOnlySpan<float> keys, int n, int dim, int rowStart, int rowEnd, Span<int> degrees, ReadOnlySpan<float> panels)
    {
        fixed (float* k = keys)
        fixed (float* packed = panels)
        fixed (int* counts = degrees)
        {
            for (int block = rowStart; block < rowEnd; block += BlockRows)
            {
                int blockEnd = Math.Min(rowEnd, block + BlockRows);
                // The block's row keys stay in L2 while each panel, loaded once, serves all its tiles from L1.
                // Row i pairs with columns j > i only, so the first panel is the one holding column block + 1,
                // and a tile whose rows all lie at or past the panel's last column is skipped.
                for (int j0 = (block + 1) / PanelWidth * PanelWidth; j0 < n; j0 += PanelWidth)
                {
                    PanelTiles(k, packed + (nint)j0 * dim, n, dim, block, Math.Min(blockEnd, j0 + PanelWidth - 1), blockEnd, j0, counts);
                }
            }
        }
    }

    /// <summary>
    /// Counts the positive similarities of the tiles starting at rows [<paramref name="firstRow"/>,
    /// <paramref name="tilesEnd"/>) with the panel's patches j0 + lane, j &gt; i. One call per panel, not per tile,
    /// so the call's prologue and the lane indices are paid once for all the tiles the panel serves.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PanelTiles(float* keys, float* panel, int n, int dim, int firstRow, int tilesEnd, int blockEnd, int j0, int* degrees)
    {
        var lane0 = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) + Vector512.Create(j0);
        var lane1 = lane0 + Vector512.Create(16);
        var col0 = Vector512<int>.Zero;
        var col1 = Vector512<int>.Zero;
        for (int i0 = firstRow; i0 < tilesEnd; i0 += TileRows)
        {
            int rows = Math.Min(TileRows, blockEnd - i0);
            Tile(keys, panel, dim, i0, rows, lane0, lane1, ref col0, ref col1, degrees);
        }
        if (j0 + PanelWidth <= n)
        {
            (Vector512.Load(degrees + j0) + col0).Store(degrees + j0);
            (Vector512.Load(degrees + j0 + 16) + col1).Store(degrees + j0 + 16);
        }
        else
        {
            AddColumnTail(col0, col1, degrees + j0, n - j0);
        }
    }

    /// <summary>One tile: rows [i0, i0 + rows) against the panel, signs into the row degrees and the column sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(float* keys, float* panel, int dim, int i0, int rows, Vector512<int> lane0, Vector512<int> lane1,
        ref Vector512<int> col0, ref Vector512<int> col1, int* degrees)
    {
        // Rows past the block repeat a valid row, so the loop needs no branch; their counts are never read.
        float* a0 = keys + (nint)i0 * dim;
        float* a1 = rows > 1 ? a0 + dim : a0;
        float* a2 = rows > 2 ? a1 + dim : a0;
        float* a3 = rows > 3 ? a2 + dim : a0;
        float* a4 = rows > 4 ? a3 + dim : a0;
        float* a5 = rows > 5 ? a4 + dim : a0;
        float* a6 = rows > 6 ? a5 + dim : a0;
        float* a7 = rows > 7 ? a6 + dim : a0;
        var c00 = Vector512<float>.Zero;
        var c01 = Vector512<float>.Zero;
        var c10 = Vector512<float>.Zero;
        var c11 = Vector512<float>.Zero;
        var c20 = Vector512<float>.Zero;
        var c21 = Vector512<float>.Zero;
        var c30 = Vector512<float>.Zero;
        var c31 = Vector512<float>.Zero;
        var c40 = Vector512<float>.Zero;
        var c41 = Vector512<float>.Zero;
        var c50 = Vector512<float>.Zero;
        var c51 = Vector512<float>.Zero;
        var c60 = Vector512<float>.Zero;
        var c61 = Vector512<float>.Zero;
        var c70 = Vector512<float>.Zero;
        var c71 = Vector512<float>.Zero;
        float* b = panel;
        // The next panel is fetched into L2 while this one runs from L1, so no tile starts on an L3 stream.
        nint nextPanel = (nint)PanelWidth * dim;
        // Unrolled by four: the loop's own instructions would otherwise take issue slots from the FMAs.
        // A native-width index folds the row offsets into the broadcasts' addresses, with no sign extension.
        nint t = 0;
        for (; t <= dim - 4; t += 4, b += 4 * PanelWidth)
        {
            Sse.Prefetch1(b + nextPanel);
            Sse.Prefetch1(b + nextPanel + 2 * PanelWidth);
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            Vector512<float> a;
            a = Vector512.Create(a0[t]);
            c00 = Vector512.FusedMultiplyAdd(a, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a, b1, c01);
            a = Vector512.Create(a1[t]);
            c10 = Vector512.FusedMultiplyAdd(a, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a, b1, c11);
            a = Vector512.Create(a2[t]);
            c20 = Vector512.FusedMultiplyAdd(a, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a, b1, c21);
            a = Vector512.Create(a3[t]);
            c30 = Vector512.FusedMultiplyAdd(a, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a, b1, c31);
            a = Vector512.Create(a4[t]);
            c40 = Vector512.FusedMultiplyAdd(a, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a, b1, c41);
            a = Vector512.Create(a5[t]);
            c50 = Vector512.FusedMultiplyAdd(a, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a, b1, c51);
            a = Vector512.Create(a6[t]);
            c60 = Vector512.FusedMultiplyAdd(a, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a, b1, c61);
            a = Vector512.Create(a7[t]);
            c70 = Vector512.FusedMultiplyAdd(a, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a, b1, c71);
            b0 = Vector512.Load(b + 32);
            b1 = Vector512.Load(b + 48);
            a = Vector512.Create(a0[t + 1]);
            c00 = Vector512.FusedMultiplyAdd(a, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a, b1, c01);
            a = Vector512.Create(a1[t + 1]);
            c10 = Vector512.FusedMultiplyAdd(a, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a, b1, c11);
            a = Vector512.Create(a2[t + 1]);
            c20 = Vector512.FusedMultiplyAdd(a, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a, b1, c21);
            a = Vector512.Create(a3[t + 1]);
            c30 = Vector512.FusedMultiplyAdd(a, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a, b1, c31);
            a = Vector512.Create(a4[t + 1]);
            c40 = Vector512.FusedMultiplyAdd(a, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a, b1, c41);
            a = Vector512.Create(a5[t + 1]);
            c50 = Vector512.FusedMultiplyAdd(a, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a, b1, c51);
            a = Vector512.Create(a6[t + 1]);
            c60 = Vector512.FusedMultiplyAdd(a, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a, b1, c61);
            a = Vector512.Create(a7[t + 1]);
            c70 = Vector512.FusedMultiplyAdd(a, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a, b1, c71);
            b0 = Vector512.Load(b + 64);
            b1 = Vector512.Load(b + 80);
            a = Vector512.Create(a0[t + 2]);
            c00 = Vector512.FusedMultiplyAdd(a, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a, b1, c01);
            a = Vector512.Create(a1[t + 2]);
            c10 = Vector512.FusedMultiplyAdd(a, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a, b1, c11);
            a = Vector512.Create(a2[t + 2]);
            c20 = Vector512.FusedMultiplyAdd(a, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a, b1, c21);
            a = Vector512.Create(a3[t + 2]);
            c30 = Vector512.FusedMultiplyAdd(a, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a, b1, c31);
            a = Vector512.Create(a4[t + 2]);
            c40 = Vector512.FusedMultiplyAdd(a, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a, b1, c41);
            a = Vector512.Create(a5[t + 2]);
            c50 = Vector512.FusedMultiplyAdd(a, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a, b1, c51);
            a = Vector512.Create(a6[t + 2]);
            c60 = Vector512.FusedMultiplyAdd(a, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a, b1, c61);
            a = Vector512.Create(a7[t + 2]);
            c70 = Vector512.FusedMultiplyAdd(a, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a, b1, c71);
            b0 = Vector512.Load(b + 96);
            b1 = Vector512.Load(b + 112);
            a = Vector512.Create(a0[t + 3]);
            c00 = Vector512.FusedMultiplyAdd(a, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a, b1, c01);
            a = Vector512.Create(a1[t + 3]);
            c10 = Vector512.FusedMultiplyAdd(a, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a, b1, c11);
            a = Vector512.Create(a2[t + 3]);
            c20 = Vector512.FusedMultiplyAdd(a, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a, b1, c21);
            a = Vector512.Create(a3[t + 3]);
            c30 = Vector512.FusedMultiplyAdd(a, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a, b1, c31);
            a = Vector512.Create(a4[t + 3]);
            c40 = Vector512.FusedMultiplyAdd(a, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a, b1, c41);
            a = Vector512.Create(a5[t + 3]);
            c50 = Vector512.FusedMultiplyAdd(a, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a, b1, c51);
            a = Vector512.Create(a6[t + 3]);
            c60 = Vector512.FusedMultiplyAdd(a, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a, b1, c61);
            a = Vector512.Create(a7[t + 3]);
            c70 = Vector512.FusedMultiplyAdd(a, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a, b1, c71);
        }
        for (; t < dim; t++, b += PanelWidth)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            Vector512<float> a;
            a = Vector512.Create(a0[t]);
            c00 = Vector512.FusedMultiplyAdd(a, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(a, b1, c01);
            a = Vector512.Create(a1[t]);
            c10 = Vector512.FusedMultiplyAdd(a, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(a, b1, c11);
            a = Vector512.Create(a2[t]);
            c20 = Vector512.FusedMultiplyAdd(a, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(a, b1, c21);
            a = Vector512.Create(a3[t]);
            c30 = Vector512.FusedMultiplyAdd(a, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(a, b1, c31);
            a = Vector512.Create(a4[t]);
            c40 = Vector512.FusedMultiplyAdd(a, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(a, b1, c41);
            a = Vector512.Create(a5[t]);
            c50 = Vector512.FusedMultiplyAdd(a, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(a, b1, c51);
            a = Vector512.Create(a6[t]);
            c60 = Vector512.FusedMultiplyAdd(a, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(a, b1, c61);
            a = Vector512.Create(a7[t]);
            c70 = Vector512.FusedMultiplyAdd(a, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(a, b1, c71);
        }

        CountRow(c00, c01, i0, lane0, lane1, ref col0, ref col1, degrees);
        if (rows > 1)
        {
            CountRow(c10, c11, i0 + 1, lane0, lane1, ref col0, ref col1, degrees);
        }
        if (rows > 2)
        {
            CountRow(c20, c21, i0 + 2, lane0, lane1, ref col0, ref col1, degrees);
        }
        if (rows > 3)
        {
            CountRow(c30, c31, i0 + 3, lane0, lane1, ref col0, ref col1, degrees);
        }
        if (rows > 4)
        {
            CountRow(c40, c41, i0 + 4, lane0, lane1, ref col0, ref col1, degrees);
        }
        if (rows > 5)
        {
            CountRow(c50, c51, i0 + 5, lane0, lane1, ref col0, ref col1, degrees);
        }
        if (rows > 6)
        {
            CountRow(c60, c61, i0 + 6, lane0, lane1, ref col0, ref col1, degrees);
        }
        if (rows > 7)
        {
            CountRow(c70, c71, i0 + 7, lane0, lane1, ref col0, ref col1, degrees);
        }
    }

    /// <summary>
    /// Row i's positives among the panel's columns j &gt; i: popcount of the sign mask into degrees[i], and
    /// one per positive lane into the column sums (a true compare is -1, so subtracting adds 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CountRow(Vector512<float> s0, Vector512<float> s1, int row, Vector512<int> lane0, Vector512<int> lane1,
        ref Vector512<int> col0, ref Vector512<int> col1, int* degrees)
    {
        var limit = Vector512.Create(row);
        var positive0 = Vector512.GreaterThan(s0, Vector512<float>.Zero).AsInt32() & Vector512.GreaterThan(lane0, limit);
        var positive1 = Vector512.GreaterThan(s1, Vector512<float>.Zero).AsInt32() & Vector512.GreaterThan(lane1, limit);
        degrees[row] += BitOperations.PopCount(positive0.ExtractMostSignificantBits())
            + BitOperations.PopCount(positive1.ExtractMostSignificantBits());
        col0 -= positive0;
        col1 -= positive1;
    }

    /// <summary>The last panel reaches past N: only its first <paramref name="count"/> lanes are patches.</summary>
    [SkipLocalsInit]
    private static void AddColumnTail(Vector512<int> col0, Vector512<int> col1, int* degrees, int count)
    {
        int* lanes = stackalloc int[PanelWidth];
        col0.Store(lanes);
        col1.Store(lanes + 16);
        for (int lane = 0; lane < count; lane++)
        {
            degrees[lane] += lanes[lane];
        }
    }
}
