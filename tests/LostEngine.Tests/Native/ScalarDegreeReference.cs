namespace LostEngine.Tests.Native;

/// <summary>The plain definition of the degree (spec section 2, step 2), in double, for comparison.</summary>
internal static class ScalarDegreeReference
{
    public static int[] Degrees(float[] keys, int n, int dim)
    {
        var degrees = new int[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var similarity = 0.0;
                for (var k = 0; k < dim; k++)
                {
                    similarity += (double)keys[(i * dim) + k] * keys[(j * dim) + k];
                }

                if (similarity > 0)
                {
                    degrees[i]++;
                    degrees[j]++;
                }
            }
        }

        return degrees;
    }

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
