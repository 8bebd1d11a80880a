namespace LostEngine.Imaging;

/// <summary>
/// The reference's preprocessing (spec section 4) from 8-bit pixels: no resize, no crop, ImageNet normalisation,
/// zero padding at the bottom and right up to whole patches, written planar [3, padded H, padded W] straight into
/// the caller's buffer (normally the model's bound input). Allocates nothing.
/// </summary>
public static class ImagePreprocessor
{
    /// <summary><c>ceil(size / patchSize) · patchSize</c>.</summary>
    public static int PaddedSize(int size, int patchSize)
    {
        if (size < 1 || patchSize < 1)
        {
            throw new LostInputException(size < 1 ? "size" : "patch_size", $"must be at least 1, got {(size < 1 ? size : patchSize)}.");
        }
        return (int)(((long)size + patchSize - 1) / patchSize * patchSize);
    }

    /// <summary>
    /// Normalises a <paramref name="width"/> × <paramref name="height"/> frame whose rows start every
    /// <paramref name="stride"/> bytes into planar <paramref name="destination"/> of at least
    /// 3 × <paramref name="paddedHeight"/> × <paramref name="paddedWidth"/> floats, zeroing the padding.
    /// </summary>
    /// <exception cref="LostInputException">A size, the stride or a buffer length is inconsistent.</exception>
    public static void Preprocess(ReadOnlySpan<byte> pixels, int width, int height, int stride, PixelFormat format,
        Span<float> destination, int paddedHeight, int paddedWidth)
        => Preprocess(pixels, width, height, stride, format, destination, paddedHeight, paddedWidth, vectorize: true);

    /// <summary>Throws <see cref="LostInputException"/> when the sizes, stride and buffer do not describe one frame.</summary>
    internal static void RequireFrame(ReadOnlySpan<byte> pixels, int width, int height, int stride, PixelFormat format)
    {
        int bpp = format.BytesPerPixel();
        if (width < 1 || height < 1)
        {
            throw new LostInputException("frame", $"{width}x{height} is not a positive size.");
        }
        if (stride < (long)width * bpp)
        {
            throw new LostInputException("stride", $"{stride} bytes is less than one row of {width} {format} pixels ({(long)width * bpp} bytes).");
        }
        long needed = (long)(height - 1) * stride + (long)width * bpp;
        if (pixels.Length < needed)
        {
            throw new LostInputException("pixels", $"has {pixels.Length} bytes; a {width}x{height} {format} frame with stride {stride} needs {needed}.");
        }
    }

    /// <summary>As the public overload; <paramref name="vectorize"/> = false forces the scalar path (tests compare both).</summary>
    internal static void Preprocess(ReadOnlySpan<byte> pixels, int width, int height, int stride, PixelFormat format,
        Span<float> destination, int paddedHeight, int paddedWidth, bool vectorize)
    {
        RequireFrame(pixels, width, height, stride, format);
        if (paddedHeight < height || paddedWidth < width)
        {
            throw new LostInputException("padded_size", $"{paddedHeight}x{paddedWidth} is smaller than the frame {height}x{width}.");
        }
        long planes = 3L * paddedHeight * paddedWidth;
        if (destination.Length < planes)
        {
            throw new LostInputException("destination", $"has {destination.Length} floats; 3 planes of {paddedHeight}x{paddedWidth} need {planes}.");
        }
        PlanarNormalizer.Run(pixels, width, height, stride, format, destination, paddedHeight, paddedWidth, vectorize);
    }
}
