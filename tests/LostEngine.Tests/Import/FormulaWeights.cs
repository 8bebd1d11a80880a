namespace LostEngine.Tests.Import;

/// <summary>
/// The deterministic weights of tests/fixtures/import/make_import_fixtures.py's <c>formula_weights</c>, bit for bit:
/// the real-size fixtures store only the official outputs, and the tests make the weights that produced them.
/// </summary>
internal static class FormulaWeights
{
    public const ulong Seed = 20240901;

    /// <summary>The values of the tensor <paramref name="name"/> with <paramref name="count"/> elements.</summary>
    public static float[] Of(string name, long count)
    {
        var (centre, spread) = Range(name);
        ulong start = Fnv1a64(name) ^ Seed;
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            ulong z = unchecked(start + (ulong)(i + 1) * 0x9E3779B97F4A7C15UL);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            z ^= z >> 31;
            double u = (z >> 40) / (double)(1 << 23) - 1.0;
            values[i] = (float)(centre + spread * u);
        }
        return values;
    }

    // Norm weights near 1 and layer-scale gammas near 0.5 keep a 12-block random network's activations in range.
    private static (double Centre, double Spread) Range(string name) =>
        name.EndsWith("norm1.weight", StringComparison.Ordinal) || name.EndsWith("norm2.weight", StringComparison.Ordinal) || name == "norm.weight" ? (1.0, 0.2)
        : name.EndsWith(".gamma", StringComparison.Ordinal) ? (0.5, 0.3)
        : name.EndsWith("bias", StringComparison.Ordinal) ? (0.0, 0.05)
        : (0.0, 0.035);

    private static ulong Fnv1a64(string text)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 0x100000001B3UL);
        }
        return hash;
    }
}
