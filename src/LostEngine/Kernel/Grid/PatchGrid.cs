namespace LostEngine.Kernel;

/// <summary>
/// Where the keys came from, as every method needs it: the padded patch grid, pixels per cell, and the image
/// size before padding (to clip boxes). Row-major cell <c>i</c> is row <c>i / Cols</c>, column <c>i % Cols</c>.
/// </summary>
/// <param name="Rows">Rows of the padded patch grid.</param>
/// <param name="Cols">Columns of the padded patch grid.</param>
/// <param name="ScaleY">Pixels per cell vertically (the patch size for a ViT).</param>
/// <param name="ScaleX">Pixels per cell horizontally (the patch size for a ViT).</param>
/// <param name="ImageHeight">Height of the image before padding, in pixels.</param>
/// <param name="ImageWidth">Width of the image before padding, in pixels.</param>
public readonly record struct PatchGrid(int Rows, int Cols, int ScaleY, int ScaleX, int ImageHeight, int ImageWidth)
{
    /// <summary>The most cells a grid may have.</summary>
    internal const int MaxPatches = int.MaxValue / 2;

    /// <summary>A ViT with square patches whose image was padded up to the grid.</summary>
    public static PatchGrid ForVit(int rows, int cols, int patchSize, int imageHeight, int imageWidth)
        => new(rows, cols, patchSize, patchSize, imageHeight, imageWidth);

    /// <summary>An image that is the padded grid itself (nothing to clip).</summary>
    public static PatchGrid ForGrid(int rows, int cols, int patchSize)
        => new(rows, cols, patchSize, patchSize, rows * patchSize, cols * patchSize);

    /// <summary>Number of cells, rows × cols.</summary>
    public int PatchCount => Rows * Cols;

    /// <summary>Cells to pixels (spec step 10): only the maxima are clipped to the unpadded image.</summary>
    public PixelBox ToPixels(CellBox cells) => new(
        cells.XMin * ScaleX,
        cells.YMin * ScaleY,
        Math.Min(cells.XMax * ScaleX, ImageWidth),
        Math.Min(cells.YMax * ScaleY, ImageHeight));

    /// <summary>Throws <see cref="LostInputException"/> naming the first field that cannot describe a padded grid.</summary>
    public void Validate()
    {
        RequirePositive(Rows, "rows");
        RequirePositive(Cols, "cols");
        RequirePositive(ScaleY, "scale_y");
        RequirePositive(ScaleX, "scale_x");
        RequirePositive(ImageHeight, "image_height");
        RequirePositive(ImageWidth, "image_width");
        if ((long)Rows * Cols > MaxPatches)
        {
            throw new LostInputException("grid", $"{Rows}x{Cols} patches is too many for one image.");
        }
        // The grid is the image padded up to whole cells, so the image must reach into the last row and
        // column of cells; otherwise a clipped box could end before it starts.
        RequireFitsGrid(ImageHeight, Rows, ScaleY, "image_height", "rows");
        RequireFitsGrid(ImageWidth, Cols, ScaleX, "image_width", "cols");
    }

    private static void RequirePositive(int value, string name)
    {
        if (value < 1)
        {
            throw new LostInputException(name, $"must be at least 1, got {value}.");
        }
    }

    private static void RequireFitsGrid(int imageSize, int cells, int scale, string imageName, string cellName)
    {
        long padded = (long)cells * scale;
        if (imageSize > padded || imageSize <= padded - scale)
        {
            throw new LostInputException(imageName,
                $"{imageSize} px does not pad to {cells} {cellName} of {scale} px (it must be in ({padded - scale}, {padded}]).");
        }
    }
}
