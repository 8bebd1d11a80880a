namespace LostEngine.Kernel;

/// <summary>
/// LOST on one image's patch keys (spec section 2): degrees, seed and potentials, similars, expansion map,
/// the seed's 4-connected component and its box. Each step is a small class of this folder.
/// </summary>
public static class LostKernel
{
    /// <summary>
    /// Runs LOST on <paramref name="keys"/> (N × <paramref name="dim"/>, row-major, CLS removed) and returns
    /// the box, or a result with no object and its reason. Allocates nothing.
    /// </summary>
    /// <exception cref="LostInputException">The keys, sizes or parameters are inconsistent, or a key is NaN, infinite
    /// or so large that its similarities could overflow float32.</exception>
    /// <exception cref="InvalidOperationException">Another call is running on <paramref name="workspace"/>.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="workspace"/> was disposed.</exception>
    public static LostResult Run(ReadOnlySpan<float> keys, int dim, in LostParameters parameters, LostWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        using var call = workspace.Enter();
        int n = Validate(keys, dim, parameters, workspace);

        // Step 2: the degree of a patch is its number of positive similarities.
        workspace.Pass.Run(keys, n, dim, threshold: 0f, workspace.DegreeBuffer(n), graphBits: default, wordsPerRow: 0);

        int k = Math.Min(parameters.KPatches, n);
        var potentials = workspace.PotentialBuffer(k);
        int seed = SeedOrder.SelectPotentials(workspace.DegreeBuffer(n), workspace.HistogramBuffer, potentials);
        int similarCount = SimilarSelection.Select(keys, dim, seed, potentials, workspace.SimilarBuffer, workspace.Width);
        var similars = workspace.SimilarBuffer[..similarCount];

        var map = workspace.ExpansionMapBuffer(n);
        ExpansionMap.Compute(keys, dim, similars, workspace.SummedKeyBuffer(dim), map, workspace.Width);

        int size = SeedComponent.Fill(new PositiveCells(map), parameters.Rows, parameters.Cols, seed, workspace.ComponentBuffer(n), workspace.QueueBuffer, out var cells);
        workspace.Record(n, k, similarCount);
        if (size == 0)
        {
            return LostResult.NoObject(seed, NoObjectReason.SeedInBackground);
        }
        return new LostResult(seed, parameters.Grid.ToPixels(cells), cells, size, similarCount);
    }

    private static int Validate(ReadOnlySpan<float> keys, int dim, in LostParameters parameters, LostWorkspace workspace)
    {
        parameters.Validate();
        KeyInput.Validate(keys, dim, parameters.Grid, workspace.MaxPatches, workspace.MaxDim, workspace.Width);
        return parameters.PatchCount;
    }
}
