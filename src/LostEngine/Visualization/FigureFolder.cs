using LostEngine.Kernel;
using LostEngine.Pipeline;
using SkiaSharp;

namespace LostEngine.Visualization;

/// <summary>The checks and the writing every visualizer shares: the image against the grid, the stem, the folder, the PNG.</summary>
internal static class FigureFolder
{
    /// <summary>
    /// The checks of a TokenCut or MaskCut figure call that do not depend on its workspace: the kinds are the method's,
    /// the grid is one, the image is its unpadded image, the stem can name a file.
    /// </summary>
    public static void RequireFigureInputs(VisualizationKind kind, LocalizationMethod method, SKBitmap image, in PatchGrid grid, string imageStem)
    {
        ArgumentNullException.ThrowIfNull(image);
        VisualizationKindNames.RequireDrawnBy(kind, method);
        grid.Validate();
        RequireImageOf(image, grid);
        RequireStem(imageStem);
    }

    /// <summary>Throws <see cref="LostInputException"/> when the image is not the unpadded image of <paramref name="grid"/>.</summary>
    public static void RequireImageOf(SKBitmap image, in PatchGrid grid)
    {
        if (image.Width != grid.ImageWidth || image.Height != grid.ImageHeight)
        {
            throw new LostInputException("image",
                $"is {image.Width}x{image.Height} px, but the parameters describe an unpadded image of {grid.ImageWidth}x{grid.ImageHeight} px.");
        }
    }

    /// <summary>Throws <see cref="LostInputException"/> when <paramref name="imageStem"/> cannot be part of a file name.</summary>
    public static void RequireStem(string imageStem)
    {
        if (string.IsNullOrWhiteSpace(imageStem) || imageStem.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || imageStem.Contains('/') || imageStem.Contains('\\') || imageStem is "." or "..")
        {
            throw new LostInputException("imageStem", $"'{imageStem}' cannot be part of a file name (empty, or holds a path separator or invalid character).");
        }
    }

    /// <summary>Creates the output folder and returns its full path.</summary>
    /// <exception cref="VisualizationOutputException">The folder cannot be created.</exception>
    public static string Create(string outputDirectory)
    {
        if (string.IsNullOrWhiteSpace(outputDirectory))
        {
            throw new LostInputException("outputDirectory", "no folder was given.");
        }
        try
        {
            return Directory.CreateDirectory(outputDirectory).FullName;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new VisualizationOutputException(outputDirectory, $"cannot be used as the output folder: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the figure whole or not at all and returns its path.</summary>
    public static string Write(RgbCanvas figure, string folder, string fileName)
    {
        string path = Path.Combine(folder, fileName);
        PngFile.Write(figure.Bitmap, path);
        return path;
    }
}
