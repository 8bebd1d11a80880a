using SkiaSharp;

namespace LostEngine.Imaging;

/// <summary>An image's size from its header alone, no pixel decoded.</summary>
public static class ImageHeader
{
    /// <summary>The width and height the file's header declares; null when it is missing, not a regular file or not an image.</summary>
    public static (int Width, int Height)? TryReadSize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var handle = IO.FileStatusProbe.OpenRegular(path, out _);
            if (handle is null)
            {
                return null;
            }
            using var stream = new FileStream(handle, FileAccess.Read);
            using var codec = SKCodec.Create(stream);
            return codec is null ? null : (codec.Info.Width, codec.Info.Height);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
