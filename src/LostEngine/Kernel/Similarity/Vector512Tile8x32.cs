using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LostEngine.Kernel;

/// <summary>
/// The 512-bit tile of <see cref="PanelPairCounter{TTile}"/>: a register-tiled broadcast-FMA micro-kernel of
/// 8 rows × 32 patches, reading the columns from <see cref="KeyPanels"/> of width 32. Each step of the d loop
/// broadcasts component t of 8 row keys and multiplies it with two vector loads of the panel, so the 16
/// accumulators hold 32 similarities per row with no horizontal sum; those above the threshold then go to the
/// sink as one movemask per row, and into per-lane integer sums for the columns.
/// Shape: 16 accumulators + 2 panel vectors + 1 broadcast, half of the 32 zmm registers, so the FMA latency is
/// covered twice over. On a Zen 4 EPYC (which splits a 512-bit FMA in two, so its peak equals the 256-bit one) the
/// whole LOST call at N = 1200, d = 384, one thread, runs at 89 % of the FMA peak (5.38 ms), against 79 % (6.10 ms)
/// for the 256-bit tile on the same machine. Its tiling, tails and diagonal are tested everywhere through .NET's
/// software Vector512.
/// </summary>
internal unsafe struct Vector512Tile8x32 : IPanelTile<Vector512Tile8x32>
{
    private Vector512<int> _lane0;
    private Vector512<int> _lane1;
    private Vector512<int> _column0;
    private Vector512<int> _column1;
    private Vector512<float> _threshold;
    private int _j0;

    /// <summary>Rows per tile: 16 accumulators.</summary>
    public static int Rows => 8;

    /// <summary>Patches per panel: two vectors of 16 lanes.</summary>
    public static int PanelWidth => 32;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Tile8x32 ForPanel(int j0, float threshold)
    {
        var tile = default(Vector512Tile8x32);
        tile._j0 = j0;
        tile._threshold = Vector512.Create(threshold);
        tile._lane0 = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) + Vector512.Create(j0);
        tile._lane1 = tile._lane0 + Vector512.Create(16);
        return tile;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void AddColumns(int* degrees)
    {
        (Vector512.Load(degrees) + _column0).Store(degrees);
        (Vector512.Load(degrees + 16) + _column1).Store(degrees + 16);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void StoreColumns(int* lanes)
    {
        _column0.Store(lanes);
        _column1.Store(lanes + 16);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Count<TSink>(float* keys, float* panel, int dim, int i0, int rows, ref TSink sink)
        where TSink : struct, IPairSink
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

        CountRow(c00, c01, i0, ref sink);
        if (rows > 1)
        {
            CountRow(c10, c11, i0 + 1, ref sink);
        }
        if (rows > 2)
        {
            CountRow(c20, c21, i0 + 2, ref sink);
        }
        if (rows > 3)
        {
            CountRow(c30, c31, i0 + 3, ref sink);
        }
        if (rows > 4)
        {
            CountRow(c40, c41, i0 + 4, ref sink);
        }
        if (rows > 5)
        {
            CountRow(c50, c51, i0 + 5, ref sink);
        }
        if (rows > 6)
        {
            CountRow(c60, c61, i0 + 6, ref sink);
        }
        if (rows > 7)
        {
            CountRow(c70, c71, i0 + 7, ref sink);
        }
    }

    /// <summary>
    /// Row i's pairs above the threshold among the panel's columns j &gt; i: their lane bits go to the sink (which
    /// counts them into degrees[i], and may keep them as the graph's row), and one per such lane into the column
    /// sums (a true compare is -1, so subtracting adds 1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CountRow<TSink>(Vector512<float> s0, Vector512<float> s1, int row, ref TSink sink)
        where TSink : struct, IPairSink
    {
        var limit = Vector512.Create(row);
        var positive0 = Vector512.GreaterThan(s0, _threshold).AsInt32() & Vector512.GreaterThan(_lane0, limit);
        var positive1 = Vector512.GreaterThan(s1, _threshold).AsInt32() & Vector512.GreaterThan(_lane1, limit);
        uint lanes = (uint)(positive0.ExtractMostSignificantBits() | (positive1.ExtractMostSignificantBits() << 16));
        sink.Row(row, _j0, lanes, PanelWidth);
        _column0 -= positive0;
        _column1 -= positive1;
    }
}
