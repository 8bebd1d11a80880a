using LostEngine.IO;
using SkiaSharp;

namespace LostEngine.Imaging;

/// <summary>
/// Decodes JPEG, PNG, WebP, BMP and GIF (first frame) with SkiaSharp the way PIL's <c>convert("RGB")</c> reads them
/// (spec section 4): grey replicated to three channels, alpha dropped, not composited (pixels are decoded
/// unpremultiplied, so colour keeps its stored value whatever the alpha), no EXIF rotation, no colour management.
/// The size comes from the header and is checked against <see cref="PixelLimit"/> before any pixel memory is
/// touched. Pixels land in a buffer the decoder keeps and reuses; it grows only for a larger image.
/// </summary>
/// <remarks>Not thread-safe: one decoder per thread.</remarks>
public sealed class ImageDecoder
{
    /// <summary>Default limit: 50 megapixels, far above any photo LOST is run on, far below what breaks memory.</summary>
    public const long DefaultPixelLimit = 50_000_000;

    // Unpremultiplied RGBA keeps colour independent of alpha; the byte order is fixed so the preprocessor's
    // channel positions do not depend on the platform's native Skia order.
    private const SKColorType DecodeColorType = SKColorType.Rgba8888;

    private byte[] _buffer = [];
    private int _length;

    /// <summary>Creates a decoder that refuses images of more than <paramref name="pixelLimit"/> pixels.</summary>
    public ImageDecoder(long pixelLimit = DefaultPixelLimit)
    {
        if (pixelLimit < 1 || pixelLimit > Array.MaxLength / 4)
        {
            throw new LostInputException("pixel_limit", $"must be in [1, {Array.MaxLength / 4}], got {pixelLimit}.");
        }
        PixelLimit = pixelLimit;
    }

    /// <summary>The largest width × height accepted.</summary>
    public long PixelLimit { get; }

    /// <summary>The pixels of the last decode, <see cref="DecodedImage.Stride"/> bytes per row.</summary>
    public ReadOnlySpan<byte> Pixels => _buffer.AsSpan(0, _length);

    /// <summary>
    /// Decodes the file at <paramref name="path"/>. Only a regular file is opened: a FIFO, socket or device is refused
    /// from its status alone, since reading one may wait for ever or never end.
    /// </summary>
    /// <exception cref="ImageDecodeException">The file is missing, not a regular file, empty, corrupt, truncated or of an unknown format.</exception>
    /// <exception cref="ImageTooLargeException">The header declares more pixels than <see cref="PixelLimit"/>.</exception>
    public DecodedImage DecodeFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Decode(ReadRegularFile(path), path);
    }

    private static byte[] ReadRegularFile(string path)
    {
        try
        {
            using var handle = FileStatusProbe.OpenRegular(path, out var status);
            if (handle is null)
            {
                throw new ImageDecodeException(path, status.Kind == FileKind.Missing
                    ? "cannot be read: the file does not exist."
                    : $"is not a regular file but {status.Kind.Describe()}; only regular files are read.");
            }
            if (status.Length > Array.MaxLength)
            {
                throw new ImageDecodeException(path, $"is {status.Length} bytes, more than one buffer can hold.");
            }
            // A file cut short while it was read decodes as the truncated file it now is.
            return BoundedFileReader.ReadOpened(handle, status.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(path, $"cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Decodes an encoded image held in memory; <paramref name="name"/> names it in errors.</summary>
    /// <exception cref="ImageDecodeException">The bytes are empty, corrupt, truncated or of an unknown format.</exception>
    /// <exception cref="ImageTooLargeException">The header declares more pixels than <see cref="PixelLimit"/>.</exception>
    public DecodedImage Decode(ReadOnlySpan<byte> encoded, string name)
    {
        if (encoded.IsEmpty)
        {
            throw new ImageDecodeException(name, "is empty (0 bytes).");
        }
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new ImageDecodeException(name, "is not an image in a known format (JPEG, PNG, WebP, BMP, GIF), or its header is corrupt.");
        var header = codec.Info;
        long pixels = (long)header.Width * header.Height;
        if (header.Width < 1 || header.Height < 1)
        {
            throw new ImageDecodeException(name, $"declares an empty size {header.Width}x{header.Height}.");
        }
        if (pixels > PixelLimit)
        {
            throw new ImageTooLargeException(name, header.Width, header.Height, PixelLimit);
        }
        var target = new SKImageInfo(header.Width, header.Height, DecodeColorType, SKAlphaType.Unpremul);
        int length = header.Width * 4 * header.Height;
        if (_buffer.Length < length)
        {
            _buffer = GC.AllocateUninitializedArray<byte>(length, pinned: true);
        }
        _length = 0;
        SKCodecResult result;
        unsafe
        {
            fixed (byte* destination = _buffer)
            {
                result = codec.GetPixels(target, (IntPtr)destination, header.Width * 4, new SKCodecOptions(0));
            }
        }
        if (result != SKCodecResult.Success)
        {
            throw new ImageDecodeException(name, result == SKCodecResult.IncompleteInput
                ? "is truncated: the pixel data ends early."
                : $"cannot be decoded ({result}).");
        }
        _length = length;
        return new DecodedImage(header.Width, header.Height, (int)codec.EncodedOrigin);
    }
}
