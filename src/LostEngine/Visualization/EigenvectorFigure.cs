using LostEngine.Kernel;

namespace LostEngine.Visualization;

/// <summary>
/// TokenCut's <c>attn</c> (visualize_eigvec): the second eigenvector x at the padded size (rows·scale_y ×
/// cols·scale_x), each cell a block of its value (nearest-neighbour zoom), coloured by matplotlib's cividis over
/// [min x, max x] as <c>plt.imsave(..., cmap='cividis')</c> does. x is taken after the orientation that puts the
/// seed on the positive side, so the object is yellow and the background dark blue.
/// </summary>
internal static class EigenvectorFigure
{
    public static RgbCanvas Draw(ReadOnlySpan<double> eigenvector, in PatchGrid grid)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double value in eigenvector)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }
        var canvas = RgbCanvas.Black(grid.Cols * grid.ScaleX, grid.Rows * grid.ScaleY);
        for (int i = 0; i < eigenvector.Length; i++)
        {
            canvas.FillCell(grid, i, ColourScale.Cividis(ColourScale.Level(eigenvector[i], min, max)));
        }
        return canvas;
    }
}
