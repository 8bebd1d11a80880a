using LostEngine.Kernel;
using LostEngine.Pipeline;
using SkiaSharp;

namespace LostEngine.Visualization;

/// <summary>
/// Draws TokenCut's figures (<see cref="VisualizationKind.Pred"/>, <see cref="VisualizationKind.Attn"/>) of one call
/// and writes them as PNG into one folder (<see cref="VisualizationFileNames"/>), each whole or not at all. Call it
/// right after <see cref="TokenCutKernel.Run"/> with the same grid and workspace: the figures read the eigenvector
/// and partition that call left there.
/// </summary>
public static class TokenCutVisualizer
{
    /// <summary>Renders the figures in <paramref name="kind"/> and returns the paths written, in the order pred, attn.</summary>
    /// <param name="kind">Pred, Attn or both.</param>
    /// <param name="image">The image before padding, of exactly the grid's image size; it is not modified.</param>
    /// <param name="grid">The grid the kernel ran on.</param>
    /// <param name="result">What the kernel returned.</param>
    /// <param name="workspace">The workspace of that call, still holding its eigenvector and partition.</param>
    /// <param name="outputDirectory">The folder to write into; created when missing.</param>
    /// <param name="imageStem">The image's name inside the file names, e.g. <c>000236</c>.</param>
    /// <remarks>Without a cut there is no eigenvector, so <c>attn</c> is not written; <c>pred</c> is the plain image, marked <c>_no_object</c>.</remarks>
    /// <exception cref="LostInputException">An input is inconsistent with the others or with the call it describes.</exception>
    /// <exception cref="VisualizationOutputException">The folder cannot be created or a file in it cannot be written.</exception>
    public static IReadOnlyList<string> Render(VisualizationKind kind, SKBitmap image, in PatchGrid grid, in TokenCutResult result,
        NcutWorkspace workspace, string outputDirectory, string imageStem)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        FigureFolder.RequireFigureInputs(kind, LocalizationMethod.TokenCut, image, grid, imageStem);
        int n = grid.PatchCount;
        if (result.HasObject && (workspace.Partition.Length != n || (uint)result.Seed >= (uint)n))
        {
            throw new LostInputException("workspace",
                $"holds no cut of this {grid.Rows}x{grid.Cols} grid; pass the workspace TokenCutKernel.Run used for this result.");
        }
        string folder = FigureFolder.Create(outputDirectory);

        var written = new List<string>(2);
        if (kind.HasFlag(VisualizationKind.Pred))
        {
            using var figure = PartitionFigure.Draw(image, grid, result, workspace.Partition);
            written.Add(FigureFolder.Write(figure, folder, VisualizationFileNames.TokenCutPrediction(imageStem, result.HasObject)));
        }
        if (kind.HasFlag(VisualizationKind.Attn) && result.HasObject)
        {
            using var figure = EigenvectorFigure.Draw(workspace.Eigenvector, grid);
            written.Add(FigureFolder.Write(figure, folder, VisualizationFileNames.TokenCutEigenvector(imageStem)));
        }
        return written;
    }
}
