namespace LostEngine.Imaging;

/// <summary>
/// The resize of <see cref="Pipeline.LocalizerOptions.MaxSide"/>: the longer side becomes the max side, the shorter
/// <c>round(shorter × max side / longer)</c>, halves rounded up, at least 1; each output pixel is the mean of the
/// source area it covers (a box filter, as PIL's <c>Image.BOX</c>), partly covered pixels weighted by the part
/// covered. The sums are exact integers and the mean is rounded half up, so every machine gives the same bytes.
/// Only downscaling: an image within the max side is left as it is.
/// </summary>
internal static class ImageDownscaler
{
    /// <summary>The size the model sees for a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public static (int Width, int Height) TargetSize(int width, int height, int? maxSide)
    {
        if (maxSide is not int side || Math.Max(width, height) <= side)
        {
            return (width, height);
        }
        return width >= height ? (side, Shorter(height, width, side)) : (Shorter(width, height, side), side);
    }

    /// <summary>
    /// Writes the <paramref name="targetWidth"/> × <paramref name="targetHeight"/> image into
    /// <paramref name="destination"/> (rows packed, same pixel layout); <paramref name="rowSums"/> holds
    /// targetWidth × <paramref name="bytesPerPixel"/> longs. Arguments are validated by the caller.
    /// </summary>
    public static void Downscale(ReadOnlySpan<byte> source, int width, int height, int stride, int bytesPerPixel,
        Span<byte> destination, int targetWidth, int targetHeight, Span<long> rowSums)
    {
        // In units of 1/targetWidth of a source pixel, output column x covers [x·width, (x+1)·width) and source
        // column i covers [i·targetWidth, (i+1)·targetWidth); rows alike. The weights of an output pixel sum to
        // width × height.
        long denominator = (long)width * height;
        int rowLength = targetWidth * bytesPerPixel;
        var sums = rowSums[..rowLength];
        for (int y = 0; y < targetHeight; y++)
        {
            sums.Clear();
            long top = (long)y * height, bottom = (long)(y + 1) * height;
            for (int row = (int)(top / targetHeight); (long)row * targetHeight < bottom; row++)
            {
                long rowWeight = Overlap(top, bottom, row, targetHeight);
                AddRow(source.Slice(row * stride, width * bytesPerPixel), width, bytesPerPixel, targetWidth, rowWeight, sums);
            }
            var output = destination.Slice(y * rowLength, rowLength);
            for (int i = 0; i < rowLength; i++)
            {
                output[i] = (byte)((2 * sums[i] + denominator) / (2 * denominator));
            }
        }
    }

    private static void AddRow(ReadOnlySpan<byte> row, int width, int bytesPerPixel, int targetWidth, long rowWeight, Span<long> sums)
    {
        for (int x = 0; x < targetWidth; x++)
        {
            long left = (long)x * width, right = (long)(x + 1) * width;
            var sum = sums.Slice(x * bytesPerPixel, bytesPerPixel);
            for (int column = (int)(left / targetWidth); (long)column * targetWidth < right; column++)
            {
                long weight = Overlap(left, right, column, targetWidth) * rowWeight;
                var pixel = row.Slice(column * bytesPerPixel, bytesPerPixel);
                for (int c = 0; c < bytesPerPixel; c++)
                {
                    sum[c] += pixel[c] * weight;
                }
            }
        }
    }

    private static long Overlap(long start, long end, int index, int size) =>
        Math.Min(end, (long)(index + 1) * size) - Math.Max(start, (long)index * size);

    private static int Shorter(int shorter, int longer, int side) => (int)Math.Max(1, ((long)shorter * side * 2 + longer) / (2L * longer));
}
