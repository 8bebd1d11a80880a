using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LostEngine.Native;

namespace LostEngine.Kernel;

/// <summary>
/// Degrees of the similarity graph (spec section 2, step 2) with the similarities computed by CBLAS
/// sgemm, tile by tile, so the N x N matrix never exists: for a block of rows, each block of columns
/// from the block diagonal onwards is one sgemm into a small tile, and the positives in the tile are
/// counted while it is still in cache. Each pair (i, j &gt; i) is computed once and counts for both ends.
/// </summary>
internal static class CblasDegreeCounter
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

    // Tile rows are padded with zeros to a whole number of the widest vector, so the counting loops
    // need no tail: zero is not positive.
    private const int PadTo = 16;

    /// <summary>Floats of scratch one thread needs: the tile, then one int count per tile column.</summary>
    internal static int TileScratchLength(int dim) => ScratchLength(TileRows, TileColumns);

    /// <summary>
    /// Counts positive similarities s(i,j) = keys_i . keys_j for every pair i in [rowStart, rowEnd),
    /// j &gt; i, j &lt; n, adding 1 to degrees[i] and to degrees[j] for each positive pair (the diagonal
    /// never counts). keys: row-major n x dim. degrees: length n, accumulated into (not cleared), and
    /// written at columns outside [rowStart, rowEnd) too, so each thread needs its own.
    /// tile: scratch of at least <see cref="TileScratchLength"/> floats.
    /// </summary>
    /// <exception cref="BlasUnavailableException">No CBLAS library can be loaded.</exception>
    internal static void CountRows(
        ReadOnlySpan<float> keys, int n, int dim, int rowStart, int rowEnd, Span<int> degrees, Span<float> tile) =>
        CountRows(keys, n, dim, rowStart, rowEnd, degrees, tile, TileRows, TileColumns, PositiveCountWidth.Best);

    /// <summary>Scratch floats for a tile of the given shape.</summary>
    internal static int ScratchLength(int tileRows, int tileColumns) => (tileRows * tileColumns) + tileColumns;

    /// <summary><see cref="CountRows(ReadOnlySpan{float}, int, int, int, int, Span{int}, Span{float})"/> with the tile shape and vector width chosen by the caller (tests, measurements).</summary>
    [SkipLocalsInit]
    internal static unsafe void CountRows(
        ReadOnlySpan<float> keys,
        int n,
        int dim,
        int rowStart,
        int rowEnd,
        Span<int> degrees,
        Span<float> tile,
        int tileRows,
        int tileColumns,
        PositiveCountWidth width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(keys.Length, (long)n * dim, nameof(keys));
        ArgumentOutOfRangeException.ThrowIfLessThan(degrees.Length, n, nameof(degrees));
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
                : Vector128.IsHardwareAccelerated ? PositiveCountWidth.Vector128
                : PositiveCountWidth.Scalar;
        }

        var sgemm = BlasLibraryResolver.Shared.Api.Sgemm;
        fixed (float* keysStart = keys)
        fixed (int* degreeStart = degrees)
        fixed (float* tileStart = tile)
        {
            var columnCounts = (int*)(tileStart + (tileRows * tileColumns));
            for (var i0 = rowStart; i0 < rowEnd; i0 += tileRows)
            {
                var rows = Math.Min(tileRows, rowEnd - i0);
                var rowKeys = keysStart + ((nint)i0 * dim);

                // Columns start at the block diagonal: pairs with j < i0 belong to earlier rows.
                for (var j0 = i0; j0 < n; j0 += tileColumns)
                {
                    var columns = Math.Min(tileColumns, n - j0);
                    sgemm(
                        CblasApi.RowMajor, CblasApi.NoTrans, CblasApi.Trans,
                        rows, columns, dim,
                        1f, rowKeys, dim,
                        keysStart + ((nint)j0 * dim), dim,
                        0f, tileStart, tileColumns);

                    var paddedColumns = (columns + PadTo - 1) / PadTo * PadTo;
                    BlankPairsNotCounted(tileStart, tileColumns, rows, columns, paddedColumns, i0 - j0);
                    new Span<int>(columnCounts, paddedColumns).Clear();
                    var rowDegrees = degreeStart + i0;
                    switch (width)
                    {
                        case PositiveCountWidth.Vector512:
                            CountTile512(tileStart, tileColumns, rows, paddedColumns, rowDegrees, columnCounts);
                            break;
                        case PositiveCountWidth.Vector256:
                            CountTile256(tileStart, tileColumns, rows, paddedColumns, rowDegrees, columnCounts);
                            break;
                        case PositiveCountWidth.Vector128:
                            CountTile128(tileStart, tileColumns, rows, paddedColumns, rowDegrees, columnCounts);
                            break;
                        case PositiveCountWidth.Scalar:
                            CountTileScalar(tileStart, tileColumns, rows, paddedColumns, rowDegrees, columnCounts);
                            break;
                        default:
                            throw new ArgumentOutOfRangeException(nameof(width), width, "Unknown counting width.");
                    }

                    var columnDegrees = degreeStart + j0;
                    for (var c = 0; c < columns; c++)
                    {
                        columnDegrees[c] += columnCounts[c];
                    }
                }
            }
        }
    }

    // Writes 0 (not positive, so never counted) over the diagonal and everything left of it, where
    // j <= i, and over the padding columns that sgemm did not write. rowOffset = i0 - j0: tile row r is
    // key i0 + r, tile column c is key j0 + c, so j <= i exactly when c <= r + rowOffset.
    private static unsafe void BlankPairsNotCounted(float* tile, int stride, int rows, int columns, int paddedColumns, int rowOffset)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = tile + ((nint)r * stride);
            var lastNotCounted = Math.Min(r + rowOffset, paddedColumns - 1);
            if (lastNotCounted >= 0)
            {
                new Span<float>(row, lastNotCounted + 1).Clear();
            }

            new Span<float>(row + columns, paddedColumns - columns).Clear();
        }
    }

    // Compare-greater gives all-ones (-1 as an int) per positive lane, so subtracting the mask adds 1.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void CountTile512(float* tile, int stride, int rows, int paddedColumns, int* rowDegrees, int* columnCounts)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = tile + ((nint)r * stride);
            var rowCount = Vector512<int>.Zero;
            for (var c = 0; c < paddedColumns; c += Vector512<float>.Count)
            {
                var positive = Vector512.GreaterThan(Vector512.Load(row + c), Vector512<float>.Zero).AsInt32();
                rowCount -= positive;
                Vector512.Store(Vector512.Load(columnCounts + c) - positive, columnCounts + c);
            }

            rowDegrees[r] += Vector512.Sum(rowCount);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void CountTile256(float* tile, int stride, int rows, int paddedColumns, int* rowDegrees, int* columnCounts)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = tile + ((nint)r * stride);
            var rowCount = Vector256<int>.Zero;
            for (var c = 0; c < paddedColumns; c += Vector256<float>.Count)
            {
                var positive = Vector256.GreaterThan(Vector256.Load(row + c), Vector256<float>.Zero).AsInt32();
                rowCount -= positive;
                Vector256.Store(Vector256.Load(columnCounts + c) - positive, columnCounts + c);
            }

            rowDegrees[r] += Vector256.Sum(rowCount);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void CountTile128(float* tile, int stride, int rows, int paddedColumns, int* rowDegrees, int* columnCounts)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = tile + ((nint)r * stride);
            var rowCount = Vector128<int>.Zero;
            for (var c = 0; c < paddedColumns; c += Vector128<float>.Count)
            {
                var positive = Vector128.GreaterThan(Vector128.Load(row + c), Vector128<float>.Zero).AsInt32();
                rowCount -= positive;
                Vector128.Store(Vector128.Load(columnCounts + c) - positive, columnCounts + c);
            }

            rowDegrees[r] += Vector128.Sum(rowCount);
        }
    }

    private static unsafe void CountTileScalar(float* tile, int stride, int rows, int paddedColumns, int* rowDegrees, int* columnCounts)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = tile + ((nint)r * stride);
            var rowCount = 0;
            for (var c = 0; c < paddedColumns; c++)
            {
                var positive = row[c] > 0f ? 1 : 0;
                rowCount += positive;
                columnCounts[c] += positive;
            }

            rowDegrees[r] += rowCount;
        }
    }
}
