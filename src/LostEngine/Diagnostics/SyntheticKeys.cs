namespace LostEngine.Diagnostics;

/// <summary>Reproducible random keys with the sign mix of real DINO keys, for benchmarks of the kernel.</summary>
public static class SyntheticKeys
{
    /// <summary>The seed every benchmark uses, so two runs (or two machines) time the same keys.</summary>
    public const int DefaultSeed = 517;

    /// <summary>
    /// N × d keys, row-major: a per-dimension mean shared by every patch plus unit Gaussian noise per patch.
    /// DINO keys share a large common direction, so most of their similarities are positive; this mix gives
    /// the same proportion of signs, which is what the degree pass's counting sees.
    /// </summary>
    public static float[] Gaussian(int n, int dim, int seed = DefaultSeed)
    {
        if (n < 1 || dim < 1)
        {
            throw new LostInputException(n < 1 ? "n" : "dim", $"must be at least 1, got {(n < 1 ? n : dim)}.");
        }
        var random = new Random(seed);
        var mean = new float[dim];
        for (int t = 0; t < dim; t++)
        {
            mean[t] = 0.5f * Normal(random);
        }
        var keys = new float[checked(n * dim)];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = mean[i % dim] + Normal(random);
        }
        return keys;
    }

    // Box–Muller: one standard normal from two uniforms.
    private static float Normal(Random random)
    {
        double u = 1.0 - random.NextDouble();
        double v = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
    }
}
