using System.Globalization;

namespace LostEngine.Kernel;

/// <summary>The checks every method makes on its keys before touching them, so each fails the same way.</summary>
internal static class KeyInput
{
    /// <summary>
    /// Throws <see cref="LostInputException"/> when the keys are not N × <paramref name="dim"/> finite numbers for
    /// the grid, are so large that LOST's similarities could overflow float32, or do not fit the workspace.
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
        // LOST's largest value is the expansion map, M(j) = (Σ_{s ∈ similars} k_s) · k_j, at most N·max‖k‖² by
        // Cauchy–Schwarz; every other similarity is at most max‖k‖². The factor 2 is room for float32 rounding, whose
        // worst case reaches it only for N + d above 2²³. A NaN or infinite value makes the sum NaN or infinite, so the
        // one scan finds those too. TokenCut and MaskCut normalise first and could take larger keys, but every method
        // accepts the same keys.
        double limit = float.MaxValue / (2.0 * n);
        // The float32 sum is as fast as the finiteness scan it replaced (the float64 one cost the 256-bit LOST call
        // 2 % at N = 1200) and is off by far less than half, so a key under half the limit there is under it; only
        // keys near the limit, or not finite, are summed again in float64.
        float quickLimit = (float)(limit / 2);
        for (int patch = 0; patch < n; patch++)
        {
            var key = keys.Slice(patch * dim, dim);
            if (VectorMath.SumOfSquaresSingle(key, width) <= quickLimit)
            {
                continue;
            }
            double squaredNorm = VectorMath.SumOfSquares(key, width);
            if (!(squaredNorm <= limit))
            {
                throw BadKey(key, patch, squaredNorm, limit);
            }
        }
    }

    private static LostInputException BadKey(ReadOnlySpan<float> key, int patch, double squaredNorm, double limit)
    {
        for (int component = 0; component < key.Length; component++)
        {
            if (!float.IsFinite(key[component]))
            {
                return new LostInputException("keys",
                    $"value {key[component]} at patch {patch}, component {component} is not finite; keys must be finite numbers.");
            }
        }
        return new LostInputException("keys", string.Create(CultureInfo.InvariantCulture,
            $"patch {patch} has squared norm {squaredNorm:G3}, above {limit:G3} (float32's largest value over 2N): its similarities could overflow float32."));
    }
}
