using System.Globalization;

namespace LostEngine.Memory;

/// <summary>
/// An image needs more memory to run than this process may use (available RAM, a cgroup limit, the address-space
/// limit). Raised from an estimate before the model runs, so the runtime never tries an allocation that cannot
/// succeed; <see cref="SuggestedMaxSide"/> is a <c>--max-side</c> (<see cref="Pipeline.LocalizerOptions.MaxSide"/>)
/// at which it would fit.
/// </summary>
public sealed class ImageMemoryException : LostInputException
{
    /// <summary>Creates the error for the image <paramref name="imageName"/> as the model would see it, <paramref name="width"/> × <paramref name="height"/>.</summary>
    public ImageMemoryException(string imageName, int width, int height, long estimatedBytes, long availableBytes, string limit, int? suggestedMaxSide)
        : base($"image '{imageName}'", Describe(width, height, estimatedBytes, availableBytes, limit, suggestedMaxSide))
    {
        ImageName = imageName;
        EstimatedBytes = estimatedBytes;
        AvailableBytes = availableBytes;
        SuggestedMaxSide = suggestedMaxSide;
    }

    /// <summary>The file (or name given for a frame).</summary>
    public string ImageName { get; }

    /// <summary>The memory the image was estimated to need.</summary>
    public long EstimatedBytes { get; }

    /// <summary>The memory the process could still use.</summary>
    public long AvailableBytes { get; }

    /// <summary>The largest max side, a multiple of the patch size, at which the image fits; null when none does.</summary>
    public int? SuggestedMaxSide { get; }

    private static string Describe(int width, int height, long estimated, long available, string limit, int? side)
    {
        string hint = side is int s
            ? $"downscale it with --max-side {s} (LocalizerOptions.MaxSide) or less"
            : "not even one patch fits: free memory or raise the limit";
        return $"needs about {Size(estimated)} to run at {width}x{height} pixels (the attention grows with the square "
            + $"of the patch count), more than the {Size(available)} left under {limit}; {hint}.";
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1_000_000_000 => (bytes / 1e9).ToString("0.0", CultureInfo.InvariantCulture) + " GB",
        >= 1_000_000 => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " kB",
    };
}
