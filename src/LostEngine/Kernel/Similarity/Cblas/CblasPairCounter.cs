using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LostEngine.Native;

namespace LostEngine.Kernel;

/// <summary>
/// The pair pass with the similarities computed by CBLAS sgemm, tile by tile, so the N x N matrix never
/// exists: for a block of rows, each block of columns from the block diagonal onwards is one sgemm into a
/// small tile, and the pairs above the threshold are handed to the sink and counted for their columns while
/// the tile is still in cache. Each pair (i, j &gt; i) is computed once and counts for both ends.
/// </summary>
internal static unsafe class CblasPairCounter
{
    // Tile shape, measured at N = 1200, d = 384 with Debian's OpenBLAS 0.3.21 (Zen kernels, 1 thread,
    // thread CPU time on a shared AMD EPYC): 64x256 (64 KiB) 8.2 ms, 128x256 8.0, 128x512 8.1, 32x256
    // 9.5, 256x512 8.9, 1200x1216 (one sgemm, 5.6 MiB tile) 14.4. Fewer rows repack B more often; more
    // rows waste more of the square diagonal tiles and push the tile and OpenBLAS's packed panels out of
    // L2. From 64 to 128 rows it is within the noise; 64 keeps row ranges fine-grained for the scheduler.

    /// <summary>Rows per tile.</summary>
    internal const int TileRows = 64;

    /// <summary>Columns per tile; a multiple of 16 so that every tile row starts a 512-bit vector.</summary>
    internal const int TileColumns = 256;

    // Tile rows are padded to a whole number of the widest vector, so the counting loops need no tail.
    private const int PadTo = 16;

    /// <summary>Floats of scratch one thread needs: the tile, then one int count per tile column.</summary>
    internal static int TileScratchLength(int dim) => ScratchLength(TileRows, TileColumns);

    /// <summary>Scratch floats for a tile of the given shape.</summary>
    internal static int ScratchLength(int tileRows, int tileColumns) => (tileRows * tileColumns) + tileColumns;

    /// <summary>
    /// Every pair (i, j), i in [rowStart, rowEnd), i &lt; j &lt; n, whose similarity keys_i . keys_j is above
    /// <paramref name="threshold"/> goes to the sink as row i's and adds 1 to degrees[j] (the diagonal never
    /// counts). keys: row-major n x dim. degrees: length n, written at columns outside [rowStart, rowEnd) too,
    /// so each thread needs its own. tile: scratch of at least <see cref="TileScratchLength"/> floats.
    /// </summary>
    /// <exception cref="BlasUnavailableException">No CBLAS library can be loaded.</exception>
    internal static void CountRows<TSink>(float* keys, int n, int dim, int rowStart, int rowEnd, float threshold, int* degrees,
        Span<float> tile, ref TSink sink)
        where TSink : struct, IPairSink =>
        CountRows(keys, n, dim, rowStart, rowEnd, threshold, degrees, tile, TileRows, TileColumns, PositiveCountWidth.Best, ref sink);

    /// <summary>The pass with the tile shape and vector width chosen by the caller (tests, measurements).</summary>
    [SkipLocalsInit]
    internal static void CountRows<TSink>(float* keys, int n, int dim, int rowStart, int rowEnd, float threshold, int* degrees,
        Span<float> tile, int tileRows, int tileColumns, PositiveCountWidth width, ref TSink sink)
        where TSink : struct, IPairSink
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(rowStart);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowEnd, n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rowStart, rowEnd);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileColumns, PadTo);
        if (tileColumns % PadTo != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tileColumns), tileColumns, $"Must be a multiple of {PadTo}.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(tile.Length, ScratchLength(tileRows, tileColumns), nameof(tile));
        if (rowStart == rowEnd)
        {
            return;
        }
        if (width == PositiveCountWidth.Best)
        {
            width = Vector512.IsHardwareAccelerated ? PositiveCountWidth.Vector512
                : Vector256.IsHardwareAccelerated ? PositiveCountWidth.Vector256
                : PositiveCountWidth.Scalar;
        }

        var sgemm = BlasLibraryResolver.Shared.Api.Sgemm;
        fixed (float* tileStart = tile)
        {
            var columnCounts = (int*)(tileStart + (tileRows * tileColumns));
            for (var i0 = rowStart; i0 < rowEnd; i0 += tileRows)
            {
                var rows = Math.Min(tileRows, rowEnd - i0);
                var rowKeys = keys + ((nint)i0 * dim);

                // Columns start at the block diagonal (pairs with j < i0 belong to earlier rows), rounded down to a
                // whole vector so that every group of lanes the sink gets starts at a multiple of its width.
                for (var j0 = i0 / PadTo * PadTo; j0 < n; j0 += tileColumns)
                {
                    var columns = Math.Min(tileColumns, n - j0);
                    sgemm(
                        CblasApi.RowMajor, CblasApi.NoTrans, CblasApi.Trans,
                        rows, columns, dim,
                        1f, rowKeys, dim,
                        keys + ((nint)j0 * dim), dim,
                        0f, tileStart, tileColumns);

                    var paddedColumns = (columns + PadTo - 1) / PadTo * PadTo;
                    BlankPairsNotCounted(tileStart, tileColumns, rows, columns, paddedColumns, i0 - j0);
                    new Span<int>(columnCounts, paddedColumns).Clear();
                    switch (width)
                    {
                        case PositiveCountWidth.Vector512:
                            CountTile512(tileStart, tileColumns, rows, paddedColumns, threshold, i0, j0, columnCounts, ref sink);
                            break;
                        case PositiveCountWidth.Vector256:
                            CountTile256(tileStart, tileColumns, rows, paddedColumns, threshold, i0, j0, columnCounts, ref sink);
                            break;
                        case PositiveCountWidth.Scalar:
                            CountTileScalar(tileStart, tileColumns, rows, paddedColumns, threshold, i0, j0, columnCounts, ref sink);
                            break;
                        default:
                            throw new ArgumentOutOfRangeException(nameof(width), width, "Unknown counting width.");
                    }

                    var columnDegrees = degrees + j0;
                    for (var c = 0; c < columns; c++)
                    {
                        columnDegrees[c] += columnCounts[c];
                    }
                }
            }
        }
    }

    // Writes -inf (below every threshold, so never counted) over the diagonal and everything left of it,
    // where j <= i, and over the padding columns that sgemm did not write. rowOffset = i0 - j0: tile row r is
    // key i0 + r, tile column c is key j0 + c, so j <= i exactly when c <= r + rowOffset.
    private static void BlankPairsNotCounted(float* tile, int stride, int rows, int columns, int paddedColumns, int rowOffset)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = tile + ((nint)r * stride);
            var lastNotCounted = Math.Min(r + rowOffset, paddedColumns - 1);
            if (lastNotCounted >= 0)
            {
                new Span<float>(row, lastNotCounted + 1).Fill(float.NegativeInfinity);
            }

            new Span<float>(row + columns, paddedColumns - columns).Fill(float.NegativeInfinity);
        }
    }

    // Compare-greater gives all-ones (-1 as an int) per lane above the threshold, so subtracting the mask adds 1.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountTile512<TSink>(float* tile, int stride, int rows, int paddedColumns, float threshold, int i0, int j0,
        int* columnCounts, ref TSink sink)
        where TSink : struct, IPairSink
    {
        var limit = Vector512.Create(threshold);
        for (var r = 0; r < rows; r++)
        {
            var row = tile + ((nint)r * stride);
            for (var c = 0; c < paddedColumns; c += Vector512<float>.Count)
            {
                var above = Vector512.GreaterThan(Vector512.Load(row + c), limit).AsInt32();
                sink.Row(i0 + r, j0 + c, (uint)above.ExtractMostSignificantBits(), Vector512<float>.Count);
                Vector512.Store(Vector512.Load(columnCounts + c) - above, columnCounts + c);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountTile256<TSink>(float* tile, int stride, int rows, int paddedColumns, float threshold, int i0, int j0,
        int* columnCounts, ref TSink sink)
        where TSink : struct, IPairSink
    {
        var limit = Vector256.Create(threshold);
        for (var r = 0; r < rows; r++)
        {
            var row = tile + ((nint)r * stride);
            for (var c = 0; c < paddedColumns; c += Vector256<float>.Count)
            {
                var above = Vector256.GreaterThan(Vector256.Load(row + c), limit).AsInt32();
                sink.Row(i0 + r, j0 + c, above.ExtractMostSignificantBits(), Vector256<float>.Count);
                Vector256.Store(Vector256.Load(columnCounts + c) - above, columnCounts + c);
            }
        }
    }

    private static void CountTileScalar<TSink>(float* tile, int stride, int rows, int paddedColumns, float threshold, int i0, int j0,
        int* columnCounts, ref TSink sink)
        where TSink : struct, IPairSink
    {
        for (var r = 0; r < rows; r++)
        {
            var row = tile + ((nint)r * stride);
            for (var c0 = 0; c0 < paddedColumns; c0 += 8)
            {
                uint lanes = 0;
                for (var c = c0; c < c0 + 8; c++)
                {
                    if (row[c] > threshold)
                    {
                        lanes |= 1u << (c - c0);
                        columnCounts[c]++;
                    }
                }
                sink.Row(i0 + r, j0 + c0, lanes, 8);
            }
        }
    }
}
