using LostEngine.Kernel;
using LostEngine.Pipeline;
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
        string folder = FigureFolder.Create(outputDirectory);

        var written = new List<string>(4);
        if (kind.HasFlag(VisualizationKind.Pred))
        {
            using var figure = PredictionFigure.Draw(image, result);
            written.Add(FigureFolder.Write(figure, folder, VisualizationFileNames.Prediction(imageStem, result.HasObject)));
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
                written.Add(FigureFolder.Write(correlation, folder, VisualizationFileNames.Correlation(imageStem)));
            }
            using var inverseDegree = FeatureMapFigures.DrawInverseDegree(SeedSimilarity.PositiveCounts(keys, dim, degrees), parameters);
            written.Add(FigureFolder.Write(inverseDegree, folder, VisualizationFileNames.InverseDegree(imageStem)));
        }
        if (kind.HasFlag(VisualizationKind.SeedExpansion))
        {
            seedRow ??= SeedSimilarity.Row(keys, dim, result.Seed);
            var seedRowBox = SeedSimilarity.RowBox(seedRow, result.Seed, parameters);
            using var figure = SeedExpansionFigure.Draw(image, parameters, result, seedRowBox);
            written.Add(FigureFolder.Write(figure, folder, VisualizationFileNames.SeedExpansion(imageStem, result.HasObject)));
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
        VisualizationKindNames.RequireDrawnBy(kind, LocalizationMethod.Lost);
        parameters.Validate();
        FigureFolder.RequireImageOf(image, parameters.Grid);
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
        FigureFolder.RequireStem(imageStem);
    }
}
