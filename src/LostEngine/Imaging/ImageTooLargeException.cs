namespace LostEngine.Imaging;

/// <summary>
/// An image declares more pixels than the configured limit. Raised from the header alone, before any pixel memory
/// is allocated, so a crafted file cannot make the engine reserve gigabytes.
/// </summary>
public sealed class ImageTooLargeException : LostInputException
{
    /// <summary>Creates the error for the image <paramref name="imageName"/>.</summary>
    public ImageTooLargeException(string imageName, long width, long height, long limit)
        : base($"image '{imageName}'", $"declares {width}x{height} = {width * height} pixels, above the limit of {limit} pixels.")
    {
        ImageName = imageName;
        Width = width;
        Height = height;
        Limit = limit;
    }

    /// <summary>The file (or name given for in-memory bytes).</summary>
    public string ImageName { get; }

    /// <summary>Declared width.</summary>
    public long Width { get; }

    /// <summary>Declared height.</summary>
    public long Height { get; }

    /// <summary>The pixel limit in force.</summary>
    public long Limit { get; }
}
