using System.Runtime.CompilerServices;

namespace LostEngine.Clustering.Features.Resize;

/// <summary>
/// torch's <c>F.interpolate(mode="bicubic", align_corners=False)</c> without antialias, the resize torchvision's
/// <c>Resize(size, interpolation=3)</c> applies to a float tensor, on planar float32 [C, H, W]. It runs as two passes,
/// along the rows then down the columns, which is torch's own arithmetic: torch sums the four column taps of each of
/// the four source rows, then those four sums, in float32 and in that order. The intermediate rows live in a buffer
/// the resizer keeps, grown only for a larger resize. Not thread-safe.
/// </summary>
internal sealed class BicubicResizer
{
    private float[] _rows = [];

    /// <summary>
    /// Resizes the <paramref name="channels"/> planes of <paramref name="height"/> × <paramref name="width"/> floats in
    /// <paramref name="source"/> into planes of <paramref name="outHeight"/> × <paramref name="outWidth"/> in
    /// <paramref name="destination"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A size is not positive, or a buffer is shorter than its planes.</exception>
    [SkipLocalsInit]
    public void Resize(ReadOnlySpan<float> source, int channels, int height, int width,
        Span<float> destination, int outHeight, int outWidth)
    {
        if (channels < 1 || height < 1 || width < 1 || outHeight < 1 || outWidth < 1)
        {
            throw new ArgumentException($"Sizes must be positive: {channels} planes of {height}x{width} to {outHeight}x{outWidth}.");
        }
        long inPlane = (long)height * width, outPlane = (long)outHeight * outWidth, rowsLength = (long)height * outWidth;
        if (source.Length < channels * inPlane || destination.Length < channels * outPlane || rowsLength > Array.MaxLength)
        {
            throw new ArgumentException($"{channels} planes of {height}x{width} to {outHeight}x{outWidth} do not fit the buffers.");
        }
        var across = CubicTaps.For(width, outWidth);
        var down = CubicTaps.For(height, outHeight);
        if (_rows.Length < rowsLength)
        {
            _rows = GC.AllocateUninitializedArray<float>((int)rowsLength);
        }
        var rows = _rows.AsSpan(0, (int)rowsLength);
        for (int c = 0; c < channels; c++)
        {
            AlongRows(source.Slice((int)(c * inPlane), (int)inPlane), height, width, across, rows, outWidth);
            DownColumns(rows, outWidth, down, destination.Slice((int)(c * outPlane), (int)outPlane), outHeight);
        }
    }

    private static void AlongRows(ReadOnlySpan<float> plane, int height, int width, CubicTaps taps, Span<float> rows, int outWidth)
    {
        var indices = taps.Indices;
        var weights = taps.Weights;
        for (int y = 0; y < height; y++)
        {
            var row = plane.Slice(y * width, width);
            var target = rows.Slice(y * outWidth, outWidth);
            for (int x = 0; x < outWidth; x++)
            {
                int k = 4 * x;
                float sum = row[indices[k]] * weights[k];
                sum += row[indices[k + 1]] * weights[k + 1];
                sum += row[indices[k + 2]] * weights[k + 2];
                sum += row[indices[k + 3]] * weights[k + 3];
                target[x] = sum;
            }
        }
    }

    private static void DownColumns(ReadOnlySpan<float> rows, int outWidth, CubicTaps taps, Span<float> plane, int outHeight)
    {
        var indices = taps.Indices;
        var weights = taps.Weights;
        for (int y = 0; y < outHeight; y++)
        {
            int k = 4 * y;
            var r0 = rows.Slice(indices[k] * outWidth, outWidth);
            var r1 = rows.Slice(indices[k + 1] * outWidth, outWidth);
            var r2 = rows.Slice(indices[k + 2] * outWidth, outWidth);
            var r3 = rows.Slice(indices[k + 3] * outWidth, outWidth);
            float w0 = weights[k], w1 = weights[k + 1], w2 = weights[k + 2], w3 = weights[k + 3];
            var target = plane.Slice(y * outWidth, outWidth);
            for (int x = 0; x < outWidth; x++)
            {
                float sum = r0[x] * w0;
                sum += r1[x] * w1;
                sum += r2[x] * w2;
                sum += r3[x] * w3;
                target[x] = sum;
            }
        }
    }
}
