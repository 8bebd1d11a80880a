namespace LostEngine.Imaging;

/// <summary>An image file is corrupt, truncated, empty or in a format the decoder does not know.</summary>
public sealed class ImageDecodeException : LostInputException
{
    /// <summary>Creates the error for the image <paramref name="imageName"/>.</summary>
    public ImageDecodeException(string imageName, string problem, Exception? inner = null)
        : base($"image '{imageName}'", problem, inner ?? new FormatException(problem))
    {
        ImageName = imageName;
    }

    /// <summary>The file (or name given for in-memory bytes) that could not be decoded.</summary>
    public string ImageName { get; }
}
