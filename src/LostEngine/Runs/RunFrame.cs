using LostEngine.Imaging;

namespace LostEngine.Runs;

/// <summary>
/// A decoded image travelling from the decoding thread to the model thread. Frames are pooled: the buffer
/// grows to the largest image seen and is reused, so a long run does not churn the large-object heap.
/// Valid only during the sink call it is handed to.
/// </summary>
public sealed class RunFrame
{
    private byte[] _pixels = [];

    internal RunImage Image { get; private set; } = null!;

    /// <summary>Width of the decoded image in pixels.</summary>
    public int Width { get; private set; }

    /// <summary>Height of the decoded image in pixels.</summary>
    public int Height { get; private set; }

    /// <summary>Bytes per row of <see cref="Pixels"/>.</summary>
    public int Stride { get; private set; }

    /// <summary>Byte order of a pixel.</summary>
    public PixelFormat Format { get; private set; }

    /// <summary>Time spent reading and decoding the file.</summary>
    public double DecodeMs { get; private set; }

    /// <summary>Why the image could not be decoded, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The decoded pixels, <see cref="Stride"/> bytes per row.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels.AsSpan(0, Stride * Height);

    internal void Fill(RunImage image, DecodedImage decoded, ReadOnlySpan<byte> pixels, double decodeMs)
    {
        if (_pixels.Length < pixels.Length)
        {
            _pixels = GC.AllocateUninitializedArray<byte>(pixels.Length);
        }
        pixels.CopyTo(_pixels);
        Image = image;
        Width = decoded.Width;
        Height = decoded.Height;
        Stride = decoded.Stride;
        Format = decoded.Format;
        DecodeMs = decodeMs;
        Error = null;
    }

    internal void Fail(RunImage image, string error, double decodeMs)
    {
        Image = image;
        Width = Height = Stride = 0;
        DecodeMs = decodeMs;
        Error = error;
    }
}
