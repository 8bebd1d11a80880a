using System.Runtime.CompilerServices;

namespace LostEngine.Kernel;

/// <summary>
/// The pair pass over the upper triangle of K·Kᵀ on packed key panels, the same at every SIMD width: row blocks
/// that stay in L2, the panels streamed past them, and the last panel's tail. What differs by width (the tile's
/// shape, its FMA body and the comparing of its accumulators) is <typeparamref name="TTile"/>, and what is done
/// with the pairs found is the sink; both are structs, so each (width, sink) gets its own specialised copy of
/// these loops with the tile and sink inlined. The N×N matrix never exists.
/// </summary>
internal static unsafe class PanelPairCounter<TTile> where TTile : struct, IPanelTile<TTile>
{
    // A multiple of every tile's Rows (6, 8) whose keys (72 KiB at d = 384) stay in L2 while the panels stream past.
    private const int BlockRows = 48;

    /// <summary>
    /// Same contract as <see cref="ScalarPairCounter.CountRows"/>: every pair (i, j), i in [<paramref name="rowStart"/>,
    /// <paramref name="rowEnd"/>), i &lt; j &lt; n, whose similarity is above <paramref name="threshold"/> goes to the
    /// sink (row i) and into <paramref name="degrees"/>[j]. <paramref name="panels"/> holds the keys packed by
    /// <see cref="KeyPanels.Pack"/> with the tile's panel width.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CountRows<TSink>(float* keys, int n, int dim, int rowStart, int rowEnd, float threshold, int* degrees,
        float* panels, ref TSink sink)
        where TSink : struct, IPairSink
    {
        for (int block = rowStart; block < rowEnd; block += BlockRows)
        {
            int blockEnd = Math.Min(rowEnd, block + BlockRows);
            // The block's row keys stay in L2 while each panel, loaded once, serves all its tiles from L1.
            // Row i pairs with columns j > i only, so the first panel is the one holding column block + 1,
            // and a tile whose rows all lie at or past the panel's last column is skipped.
            for (int j0 = (block + 1) / TTile.PanelWidth * TTile.PanelWidth; j0 < n; j0 += TTile.PanelWidth)
            {
                PanelTiles(keys, panels + (nint)j0 * dim, n, dim, block, Math.Min(blockEnd, j0 + TTile.PanelWidth - 1), blockEnd, j0,
                    threshold, degrees, ref sink);
            }
        }
    }

    /// <summary>
    /// The tiles starting at rows [<paramref name="firstRow"/>, <paramref name="tilesEnd"/>) against the panel's
    /// patches j0 + lane, j &gt; i. One call per panel, not per tile, so the call's prologue and the lane indices are
    /// paid once for all the tiles the panel serves.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PanelTiles<TSink>(float* keys, float* panel, int n, int dim, int firstRow, int tilesEnd, int blockEnd, int j0,
        float threshold, int* degrees, ref TSink sink)
        where TSink : struct, IPairSink
    {
        var tile = TTile.ForPanel(j0, threshold);
        for (int i0 = firstRow; i0 < tilesEnd; i0 += TTile.Rows)
        {
            int rows = Math.Min(TTile.Rows, blockEnd - i0);
            tile.Count(keys, panel, dim, i0, rows, ref sink);
        }
        if (j0 + TTile.PanelWidth <= n)
        {
            tile.AddColumns(degrees + j0);
        }
        else
        {
            // By value: taking the tile's address would keep its column sums out of registers in the loop above.
            AddColumnTail(tile, degrees + j0, n - j0);
        }
    }

    /// <summary>The last panel reaches past N: only its first <paramref name="count"/> lanes are patches.</summary>
    [SkipLocalsInit]
    private static void AddColumnTail(TTile tile, int* degrees, int count)
    {
        int* lanes = stackalloc int[TTile.PanelWidth];
        tile.StoreColumns(lanes);
        for (int lane = 0; lane < count; lane++)
        {
            degrees[lane] += lanes[lane];
        }
    }
}
