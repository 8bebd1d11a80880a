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
    /// <exception cref="LostInputException">The keys, sizes or parameters are inconsistent, or a key is NaN or infinite.</exception>
    public static LostResult Run(ReadOnlySpan<float> keys, int dim, in LostParameters parameters, LostWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        workspace.ThrowIfDisposed();
        int n = Validate(keys, dim, parameters, workspace);

        DegreePass.Run(keys, n, dim, workspace);

        int k = Math.Min(parameters.KPatches, n);
        var potentials = workspace.PotentialBuffer(k);
        int seed = SeedOrder.SelectPotentials(workspace.DegreeBuffer(n), workspace.HistogramBuffer, potentials);
        int similarCount = SimilarSelection.Select(keys, dim, seed, potentials, workspace.SimilarBuffer);
        var similars = workspace.SimilarBuffer[..similarCount];

        var map = workspace.ExpansionMapBuffer(n);
        ExpansionMap.Compute(keys, dim, similars, workspace.SummedKeyBuffer(dim), map);

        int size = SeedComponent.Fill(map, parameters.Rows, parameters.Cols, seed, workspace.ComponentBuffer(n), workspace.QueueBuffer, out var cells);
        workspace.Record(n, k, similarCount);
        if (size == 0)
        {
            return LostResult.NoObject(seed, NoObjectReason.SeedInBackground);
        }
        return new LostResult(seed, SeedComponent.ToPixels(cells, parameters), cells, size, similarCount);
    }

    private static int Validate(ReadOnlySpan<float> keys, int dim, in LostParameters parameters, LostWorkspace workspace)
    {
        parameters.Validate();
        if (dim < 1)
        {
            throw new LostInputException("dim", $"must be at least 1, got {dim}.");
        }
        int n = parameters.PatchCount;
        if ((long)n * dim != keys.Length)
        {
            throw new LostInputException("keys",
                $"has {keys.Length} values, but a {parameters.Rows}x{parameters.Cols} grid of {dim}-wide keys needs N·d = {(long)n * dim}.");
        }
        if (n > workspace.MaxPatches || dim > workspace.MaxDim)
        {
            throw new LostInputException("workspace",
                $"was sized for N ≤ {workspace.MaxPatches}, d ≤ {workspace.MaxDim}, but the call has N = {n}, d = {dim}.");
        }
        int bad = VectorMath.IndexOfNonFinite(keys);
        if (bad >= 0)
        {
            throw new LostInputException("keys",
                $"value {keys[bad]} at patch {bad / dim}, component {bad % dim} is not finite; keys must be finite numbers.");
        }
        return n;
    }
}
