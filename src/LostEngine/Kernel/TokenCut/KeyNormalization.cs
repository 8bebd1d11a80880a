namespace LostEngine.Kernel;

/// <summary>
/// ncut-spec §1.1: <c>f_i = k_i / max(‖k_i‖₂, 1e-12)</c>, as torch's <c>F.normalize</c>; a zero key stays zero.
/// The norm is summed in float64, so keys near float32's range neither overflow nor lose their direction.
/// </summary>
internal static class KeyNormalization
{
    private const double MinimumNorm = 1e-12;

    /// <summary>Writes the unit-length keys to <paramref name="normalized"/>.</summary>
    public static void Normalize(ReadOnlySpan<float> keys, int n, int dim, Span<float> normalized)
    {
        for (int i = 0; i < n; i++)
        {
            var key = keys.Slice(i * dim, dim);
            var target = normalized.Slice(i * dim, dim);
            double squares = 0;
            foreach (float value in key)
            {
                squares += (double)value * value;
            }
            double norm = Math.Max(Math.Sqrt(squares), MinimumNorm);
            for (int t = 0; t < dim; t++)
            {
                target[t] = (float)(key[t] / norm);
            }
        }
    }
}
