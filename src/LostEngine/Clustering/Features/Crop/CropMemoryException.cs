using System.Globalization;
using LostEngine.Evaluation;

namespace LostEngine.Clustering.Features.Crop;

/// <summary>
/// A box's crop, resized so that its shorter side is 256 pixels, needs more memory to run than this process may use:
/// a thin box stretches its long side by 256 / its short side (a 2-pixel-high box across a 500-pixel image becomes
/// 256 × 64,000 pixels, and the attention grows with the square of the patch count). Raised from the estimate, before
/// anything is allocated; the reference would run out of memory on it.
/// </summary>
public sealed class CropMemoryException : LostInputException
{
    /// <summary>Creates the error for <paramref name="box"/> of the image named <paramref name="imageName"/>.</summary>
    public CropMemoryException(string imageName, BoundingBox box, int cropHeight, int cropWidth, long resizedHeight, long resizedWidth,
        long estimatedBytes, long availableBytes, string limit)
        : base($"box {box} of image '{imageName}'", Describe(cropHeight, cropWidth, resizedHeight, resizedWidth, estimatedBytes, availableBytes, limit))
    {
        ImageName = imageName;
        Box = box;
        EstimatedBytes = estimatedBytes;
        AvailableBytes = availableBytes;
    }

    /// <summary>The image file, or the name given for the pixels.</summary>
    public string ImageName { get; }

    /// <summary>The box, as given.</summary>
    public BoundingBox Box { get; }

    /// <summary>The memory the resized crop was estimated to need.</summary>
    public long EstimatedBytes { get; }

    /// <summary>The memory the process could still use.</summary>
    public long AvailableBytes { get; }

    private static string Describe(int cropHeight, int cropWidth, long height, long width, long estimated, long available, string limit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"its {cropWidth}x{cropHeight} crop, resized to {width}x{height} pixels (shorter side 256), needs about {Gigabytes(estimated)} GB "
            + $"to run, more than the {Gigabytes(available)} GB left under {limit}; the box is too thin to describe.");

    private static string Gigabytes(long bytes) => (bytes / 1e9).ToString("0.###", CultureInfo.InvariantCulture);
}
