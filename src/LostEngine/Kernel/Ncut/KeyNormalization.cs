namespace LostEngine.Kernel;

/// <summary>
/// ncut-spec §1.1: <c>f_i = k_i / max(‖k_i‖₂, 1e-12)</c>, as torch's <c>F.normalize</c>; a zero key stays zero.
/// The norm is summed in float64, so keys near float32's range neither overflow nor lose their direction; the
/// keys are then multiplied by the norm's reciprocal rounded to float32, within an ulp of torch's division, which
/// the similarities' own rounding (and the reference cases' margins) dwarf.
/// </summary>
internal static class KeyNormalization
{
    private const double MinimumNorm = 1e-12;

    /// <summary>Writes the unit-length keys to <paramref name="normalized"/>.</summary>
    public static void Normalize(ReadOnlySpan<float> keys, int n, int dim, Span<float> normalized, KernelWidth width)
    {
        for (int i = 0; i < n; i++)
        {
            var key = keys.Slice(i * dim, dim);
            double norm = Math.Max(Math.Sqrt(VectorMath.SumOfSquares(key, width)), MinimumNorm);
            VectorMath.Scale(key, (float)(1 / norm), normalized.Slice(i * dim, dim), width);
        }
    }
}
