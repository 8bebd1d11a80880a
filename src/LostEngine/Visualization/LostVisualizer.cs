using LostEngine.Kernel;
using SkiaSharp;

namespace LostEngine.Visualization;

/// <summary>
/// Draws the reference's figures (<see cref="VisualizationKind"/>) of one LOST call and writes them as PNG
/// into one folder, named as the reference names them (<see cref="VisualizationFileNames"/>). Each file is
/// written whole or not at all. Call it right after <see cref="LostKernel.Run"/> with the same keys,
/// parameters and workspace: <c>fms</c> reads the degrees that call left in the workspace.
/// </summary>
public static class LostVisualizer
{
    /// <summary>Renders the figures in <paramref name="kind"/> and returns the paths written, in the order pred, corr, deg, seed_expansion.</summary>
    /// <param name="kind">One or more figures.</param>
    /// <param name="image">The image before padding, of exactly image_width × image_height pixels; it is not modified.</param>
    /// <param name="keys">The keys the kernel ran on, N × <paramref name="dim"/>.</param>
    /// <param name="dim">Width of one key.</param>
    /// <param name="parameters">The parameters the kernel ran with.</param>
    /// <param name="result">What the kernel returned.</param>
    /// <param name="workspace">The workspace of that call, still holding its degrees.</param>
    /// <param name="outputDirectory">The folder to write into; created when missing.</param>
    /// <param name="imageStem">The image's name inside the file names, e.g. <c>000236</c>.</param>
    /// <exception cref="LostInputException">An input is inconsistent with the others or with the call it describes.</exception>
    /// <exception cref="VisualizationOutputException">The folder cannot be created or a file in it cannot be written.</exception>
    public static IReadOnlyList<string> Render(VisualizationKind kind, SKBitmap image, ReadOnlySpan<float> keys, int dim,
        in LostParameters parameters, in LostResult result, LostWorkspace workspace, string outputDirectory, string imageStem)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(workspace);
        Validate(kind, image, keys, dim, parameters, result, imageStem);
        string folder = CreateFolder(outputDirectory);

        var written = new List<string>(4);
        if (kind.HasFlag(VisualizationKind.Pred))
        {
            using var figure = PredictionFigure.Draw(image, result);
            written.Add(Write(figure, folder, VisualizationFileNames.Prediction(imageStem, result.HasObject)));
        }
        float[]? seedRow = null;
        if (kind.HasFlag(VisualizationKind.Fms))
        {
            var degrees = workspace.Degrees;
            if (degrees.Length != parameters.PatchCount)
            {
                throw new LostInputException("workspace",
                    $"holds degrees of {degrees.Length} patches, not of this {parameters.Rows}x{parameters.Cols} grid; pass the workspace LostKernel.Run used for these keys.");
            }
            seedRow = SeedSimilarity.Row(keys, dim, result.Seed);
            using (var correlation = FeatureMapFigures.DrawCorrelation(seedRow, parameters, result.Seed))
            {
                written.Add(Write(correlation, folder, VisualizationFileNames.Correlation(imageStem)));
            }
            using var inverseDegree = FeatureMapFigures.DrawInverseDegree(SeedSimilarity.PositiveCounts(keys, dim, degrees), parameters);
            written.Add(Write(inverseDegree, folder, VisualizationFileNames.InverseDegree(imageStem)));
        }
        if (kind.HasFlag(VisualizationKind.SeedExpansion))
        {
            seedRow ??= SeedSimilarity.Row(keys, dim, result.Seed);
            var seedRowBox = SeedSimilarity.RowBox(seedRow, result.Seed, parameters);
            using var figure = SeedExpansionFigure.Draw(image, parameters, result, seedRowBox);
            written.Add(Write(figure, folder, VisualizationFileNames.SeedExpansion(imageStem, result.HasObject)));
        }
        return written;
    }

    /// <summary>
    /// As the other overload, decoding the image from <paramref name="imagePath"/> (any format Skia reads);
    /// without <paramref name="imageStem"/> the files are named by <see cref="VisualizationFileNames.StemOf"/>.
    /// </summary>
    /// <exception cref="LostInputException">The file is missing or not an image Skia can decode, or another input is inconsistent.</exception>
    /// <exception cref="VisualizationOutputException">The folder cannot be created or a file in it cannot be written.</exception>
    public static IReadOnlyList<string> Render(VisualizationKind kind, string imagePath, ReadOnlySpan<float> keys, int dim,
        in LostParameters parameters, in LostResult result, LostWorkspace workspace, string outputDirectory, string? imageStem = null)
    {
        if (string.IsNullOrWhiteSpace(imagePath))
        {
            throw new LostInputException("image", "no image path was given.");
        }
        if (!File.Exists(imagePath))
        {
            throw new LostInputException("image", $"'{imagePath}' does not exist.");
        }
        using var image = SKBitmap.Decode(imagePath)
            ?? throw new LostInputException("image", $"'{imagePath}' is not an image format Skia can decode.");
        return Render(kind, image, keys, dim, parameters, result, workspace, outputDirectory,
            imageStem ?? VisualizationFileNames.StemOf(imagePath));
    }

    private static void Validate(VisualizationKind kind, SKBitmap image, ReadOnlySpan<float> keys, int dim,
        in LostParameters parameters, in LostResult result, string imageStem)
    {
        if (kind == VisualizationKind.None || (kind & ~VisualizationKind.All) != 0)
        {
            throw new LostInputException("kind", $"{kind} is not a combination of Pred, Fms and SeedExpansion.");
        }
        parameters.Validate();
        if (image.Width != parameters.ImageWidth || image.Height != parameters.ImageHeight)
        {
            throw new LostInputException("image",
                $"is {image.Width}x{image.Height} px, but the parameters describe an unpadded image of {parameters.ImageWidth}x{parameters.ImageHeight} px.");
        }
        if (dim < 1)
        {
            throw new LostInputException("dim", $"must be at least 1, got {dim}.");
        }
        int n = parameters.PatchCount;
        if ((long)n * dim != keys.Length)
        {
            throw new LostInputException("keys",
                $"has {keys.Length} values, but a {parameters.Rows}x{parameters.Cols} grid of {dim}-wide keys needs {(long)n * dim}.");
        }
        if ((uint)result.Seed >= (uint)n)
        {
            throw new LostInputException("result", $"seed {result.Seed} is not a patch of the {n} patches; pass the result of LostKernel.Run on these keys.");
        }
        if (string.IsNullOrWhiteSpace(imageStem) || imageStem.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || imageStem.Contains('/') || imageStem.Contains('\\') || imageStem is "." or "..")
        {
            throw new LostInputException("imageStem", $"'{imageStem}' cannot be part of a file name (empty, or holds a path separator or invalid character).");
        }
    }

    private static string CreateFolder(string outputDirectory)
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

    private static string Write(RgbCanvas figure, string folder, string fileName)
    {
        string path = Path.Combine(folder, fileName);
        PngFile.Write(figure.Bitmap, path);
        return path;
    }
}
