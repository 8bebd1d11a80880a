namespace LostEngine.Kernel;

/// <summary>
/// What TokenCut needs besides the keys (ncut-spec §1): the grid, the similarity threshold <see cref="Tau"/> that
/// makes an edge, and the weight <see cref="Eps"/> every other pair of patches gets.
/// </summary>
/// <param name="Grid">The padded patch grid, pixels per cell and unpadded image size.</param>
/// <param name="Tau">An edge joins two patches whose cosine similarity is strictly above this, in [-1, 1].</param>
/// <param name="Eps">The weight of every pair that is not an edge, in (0, 1].</param>
public readonly record struct TokenCutParameters(PatchGrid Grid, float Tau = TokenCutParameters.DefaultTau, double Eps = TokenCutParameters.DefaultEps)
{
    /// <summary>The reference's default threshold (TokenCut's README and paper).</summary>
    public const float DefaultTau = 0.2f;

    /// <summary>The reference's weight of a pair that is not an edge.</summary>
    public const double DefaultEps = 1e-5;

    /// <summary>Parameters for a ViT with square patches whose image was padded to the grid.</summary>
    public static TokenCutParameters ForVit(int rows, int cols, int patchSize, int imageHeight, int imageWidth,
        float tau = DefaultTau, double eps = DefaultEps)
        => new(PatchGrid.ForVit(rows, cols, patchSize, imageHeight, imageWidth), tau, eps);

    /// <summary>Parameters whose image size is the padded grid itself (nothing to clip).</summary>
    public static TokenCutParameters ForGrid(int rows, int cols, int patchSize, float tau = DefaultTau, double eps = DefaultEps)
        => new(PatchGrid.ForGrid(rows, cols, patchSize), tau, eps);

    /// <summary>Throws <see cref="LostInputException"/> naming the first parameter that cannot work.</summary>
    public void Validate()
    {
        Grid.Validate();
        GraphWeights.Validate(Tau, Eps);
    }
}
