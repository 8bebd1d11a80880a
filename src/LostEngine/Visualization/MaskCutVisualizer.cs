using LostEngine.Kernel;
using LostEngine.Pipeline;
using SkiaSharp;

namespace LostEngine.Visualization;

/// <summary>
/// Draws MaskCut's figure (<see cref="VisualizationKind.Pred"/>: every object's mask and box in its own colour) of
/// one call and writes it as PNG (<see cref="VisualizationFileNames.MaskCutPrediction"/>), whole or not at all.
/// Call it right after <see cref="MaskCutKernel.Run"/> with the same grid and workspace: it reads the objects and
/// the object map that call left there.
/// </summary>
public static class MaskCutVisualizer
{
    /// <summary>Renders the figure and returns the paths written.</summary>
    /// <param name="kind">Pred, the one figure MaskCut draws.</param>
    /// <param name="image">The image before padding, of exactly the grid's image size; it is not modified.</param>
    /// <param name="grid">The grid the kernel ran on.</param>
    /// <param name="result">What the kernel returned.</param>
    /// <param name="workspace">The workspace of that call, still holding its objects.</param>
    /// <param name="outputDirectory">The folder to write into; created when missing.</param>
    /// <param name="imageStem">The image's name inside the file names, e.g. <c>000236</c>.</param>
    /// <exception cref="LostInputException">An input is inconsistent with the others or with the call it describes.</exception>
    /// <exception cref="VisualizationOutputException">The folder cannot be created or a file in it cannot be written.</exception>
    public static IReadOnlyList<string> Render(VisualizationKind kind, SKBitmap image, in PatchGrid grid, in MaskCutResult result,
        NcutWorkspace workspace, string outputDirectory, string imageStem)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        FigureFolder.RequireFigureInputs(kind, LocalizationMethod.MaskCut, image, grid, imageStem);
        if (workspace.Objects.Length != result.ObjectCount || workspace.ObjectMap.Length != grid.PatchCount)
        {
            throw new LostInputException("workspace",
                $"holds {workspace.Objects.Length} objects over {workspace.ObjectMap.Length} cells, not this result's {result.ObjectCount} over the {grid.Rows}x{grid.Cols} grid; pass the workspace MaskCutKernel.Run used for this result.");
        }
        string folder = FigureFolder.Create(outputDirectory);
        using var figure = MaskCutFigure.Draw(image, grid, workspace.Objects, workspace.ObjectMap);
        return [FigureFolder.Write(figure, folder, VisualizationFileNames.MaskCutPrediction(imageStem, result.HasObject))];
    }
}
