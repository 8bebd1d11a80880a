using SkiaSharp;

namespace LostEngine.Visualization;

/// <summary>
/// Writes a bitmap as PNG without ever leaving a partial file under the final name: the bytes go to a
/// temporary file in the same folder (so the final move is a rename on one file system), then replace the
/// target in one step.
/// </summary>
internal static class PngFile
{
    public static void Write(SKBitmap bitmap, string path)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException($"Skia could not encode a {bitmap.Width}x{bitmap.Height} bitmap as PNG.");
        string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                data.SaveTo(stream);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new VisualizationOutputException(path, $"cannot be written: {ex.Message}", ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The write already failed; that error is the one to report, not a failed clean-up.
        }
    }
}
