namespace LostEngine.Kernel;

/// <summary>
/// What MaskCut needs besides the keys (ncut-spec §2): the grid, TokenCut's graph parameters, and how many
/// cuts (rounds) to make, each on the patches the earlier rounds left unpainted.
/// </summary>
/// <param name="Grid">The padded patch grid, pixels per cell and unpadded image size.</param>
/// <param name="Tau">An edge joins two patches whose cosine similarity is strictly above this, in [-1, 1].</param>
/// <param name="Eps">The weight of every pair that is not an edge, in (0, 1].</param>
/// <param name="Rounds">Cuts to make, 1 to <see cref="MaxRounds"/>.</param>
public readonly record struct MaskCutParameters(
    PatchGrid Grid, float Tau = MaskCutParameters.DefaultTau, double Eps = TokenCutParameters.DefaultEps, int Rounds = MaskCutParameters.DefaultRounds)
{
    /// <summary>CutLER's default threshold for MaskCut (its README).</summary>
    public const float DefaultTau = 0.15f;

    /// <summary>CutLER's default number of masks per image.</summary>
    public const int DefaultRounds = 3;

    /// <summary>
    /// The most rounds one call may make. Each round is a whole normalized cut; past a few rounds every patch is
    /// painted and the rest are empty, so a larger number is a mistake, and would only make a call run long.
    /// </summary>
    public const int MaxRounds = 64;

    /// <summary>Parameters for a ViT with square patches whose image was padded to the grid.</summary>
    public static MaskCutParameters ForVit(int rows, int cols, int patchSize, int imageHeight, int imageWidth,
        float tau = DefaultTau, double eps = TokenCutParameters.DefaultEps, int rounds = DefaultRounds)
        => new(PatchGrid.ForVit(rows, cols, patchSize, imageHeight, imageWidth), tau, eps, rounds);

    /// <summary>Parameters whose image size is the padded grid itself (nothing to clip), as the reference's cases.</summary>
    public static MaskCutParameters ForGrid(int rows, int cols, int patchSize,
        float tau = DefaultTau, double eps = TokenCutParameters.DefaultEps, int rounds = DefaultRounds)
        => new(PatchGrid.ForGrid(rows, cols, patchSize), tau, eps, rounds);

    /// <summary>Throws <see cref="LostInputException"/> naming the first parameter that cannot work.</summary>
    public void Validate()
    {
        Grid.Validate();
        GraphWeights.Validate(Tau, Eps);
        if (Rounds < 1 || Rounds > MaxRounds)
        {
            throw new LostInputException("rounds", $"must be between 1 and {MaxRounds}, got {Rounds}.");
        }
    }
}
