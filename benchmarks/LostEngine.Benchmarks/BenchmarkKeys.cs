namespace LostEngine.Benchmarks;

/// <summary>Reproducible random keys with the sign mix of real DINO keys.</summary>
internal static class BenchmarkKeys
{
    private const int Seed = 517;

    /// <summary>
    /// N × d keys: a per-dimension mean shared by every patch (DINO keys share a large common direction,
    /// so most similarities are positive) plus unit Gaussian noise per patch.
    /// </summary>
    public static float[] Gaussian(int n, int dim)
    {
        var random = new Random(Seed);
        var mean = new float[dim];
        for (int t = 0; t < dim; t++)
        {
            mean[t] = 0.5f * Normal(random);
        }
        var keys = new float[n * dim];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = mean[i % dim] + Normal(random);
        }
        return keys;
    }

    private static float Normal(Random random)
    {
        double u = 1.0 - random.NextDouble();
        double v = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
    }
}
