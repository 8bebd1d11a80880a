namespace LostEngine.Kernel;

/// <summary>The checks every method makes on its keys before touching them, so each fails the same way.</summary>
internal static class KeyInput
{
    /// <summary>
    /// Throws <see cref="LostInputException"/> when the keys are not N × <paramref name="dim"/> finite numbers for
    /// the grid, or do not fit the workspace.
    /// </summary>
    public static void Validate(ReadOnlySpan<float> keys, int dim, in PatchGrid grid, int maxPatches, int maxDim, KernelWidth width)
    {
        if (dim < 1)
        {
            throw new LostInputException("dim", $"must be at least 1, got {dim}.");
        }
        int n = grid.PatchCount;
        if ((long)n * dim != keys.Length)
        {
            throw new LostInputException("keys",
                $"has {keys.Length} values, but a {grid.Rows}x{grid.Cols} grid of {dim}-wide keys needs N·d = {(long)n * dim}.");
        }
        if (n > maxPatches || dim > maxDim)
        {
            throw new LostInputException("workspace",
                $"was sized for N ≤ {maxPatches}, d ≤ {maxDim}, but the call has N = {n}, d = {dim}.");
        }
        int bad = VectorMath.IndexOfNonFinite(keys, width);
        if (bad >= 0)
        {
            throw new LostInputException("keys",
                $"value {keys[bad]} at patch {bad / dim}, component {bad % dim} is not finite; keys must be finite numbers.");
        }
    }
}
