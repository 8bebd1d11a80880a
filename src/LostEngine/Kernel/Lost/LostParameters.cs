namespace LostEngine.Kernel;

/// <summary>
/// What LOST needs besides the keys: the padded patch grid, pixels per cell, the unpadded image size
/// (for clipping the box) and how many low-degree patches may join the seed (spec section 1).
/// </summary>
/// <param name="Rows">Rows of the padded patch grid.</param>
/// <param name="Cols">Columns of the padded patch grid.</param>
/// <param name="ScaleY">Pixels per cell vertically (the patch size for a ViT).</param>
/// <param name="ScaleX">Pixels per cell horizontally (the patch size for a ViT).</param>
/// <param name="ImageHeight">Height of the image before padding, in pixels.</param>
/// <param name="ImageWidth">Width of the image before padding, in pixels.</param>
/// <param name="KPatches">Potentials kept for the seed expansion; values above N mean all patches.</param>
public readonly record struct LostParameters(
    int Rows, int Cols, int ScaleY, int ScaleX, int ImageHeight, int ImageWidth, int KPatches = LostParameters.DefaultKPatches)
{
    /// <summary>The reference's default number of potentials.</summary>
    public const int DefaultKPatches = 100;

    /// <summary>Parameters for a ViT with square patches whose image was padded to the grid.</summary>
    public static LostParameters ForVit(int rows, int cols, int patchSize, int imageHeight, int imageWidth, int kPatches = DefaultKPatches)
        => new(rows, cols, patchSize, patchSize, imageHeight, imageWidth, kPatches);

    /// <summary>Parameters whose image size is the padded grid itself (nothing to clip).</summary>
    public static LostParameters ForGrid(int rows, int cols, int patchSize, int kPatches = DefaultKPatches)
        => new(rows, cols, patchSize, patchSize, rows * patchSize, cols * patchSize, kPatches);

    /// <summary>Number of patches, rows × cols.</summary>
    public int PatchCount => Rows * Cols;

    /// <summary>The grid part of these parameters, which every method shares.</summary>
    public PatchGrid Grid => new(Rows, Cols, ScaleY, ScaleX, ImageHeight, ImageWidth);

    /// <summary>Throws <see cref="LostInputException"/> naming the first field that cannot describe a padded grid.</summary>
    public void Validate()
    {
        Grid.Validate();
        if (KPatches < 1)
        {
            throw new LostInputException("k_patches", $"must be at least 1, got {KPatches}.");
        }
    }
}
