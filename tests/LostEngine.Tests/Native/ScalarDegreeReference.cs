namespace LostEngine.Tests.Native;

/// <summary>Keys for the CBLAS counter's tests; their expected degrees come from <see cref="Kernel.ReferenceLost.Degrees"/>.</summary>
internal static class ScalarDegreeReference
{
    /// <summary>Small integers stored as float32: every product and sum is exact, so any correct count agrees.</summary>
    public static float[] IntegerKeys(Random random, int n, int dim)
    {
        var keys = new float[n * dim];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = random.Next(-4, 5);
        }

        return keys;
    }
}
