using LostEngine.Clustering.Random;

namespace LostEngine.Clustering.KMeansPlusPlus;

/// <summary>
/// k-means++ seeding (Arthur and Vassilvitskii, 2007): the first centre is a row drawn uniformly, each next one a
/// row drawn with probability proportional to its squared distance to the nearest centre chosen so far. The draws
/// are <see cref="LegacyRandomState.NextDouble"/> values, one per centre, so a seed gives the same centres everywhere.
/// </summary>
internal static class KMeansPlusPlusSeeding
{
    /// <summary>Writes k rows of <paramref name="data"/> into <paramref name="centres"/> (k × d, row-major).</summary>
    public static void Choose(ReadOnlySpan<double> data, int rows, int dims, LegacyRandomState random, Span<double> centres)
    {
        int k = centres.Length / dims;
        var nearest = new double[rows];
        int first = Math.Min((int)(random.NextDouble() * rows), rows - 1);
        data.Slice(first * dims, dims).CopyTo(centres[..dims]);
        double total = 0.0;
        for (int i = 0; i < rows; i++)
        {
            nearest[i] = SquaredDistance.Of(data.Slice(i * dims, dims), centres[..dims]);
            total += nearest[i];
        }
        for (int c = 1; c < k; c++)
        {
            int chosen = Draw(nearest, total, random);
            Span<double> centre = centres.Slice(c * dims, dims);
            data.Slice(chosen * dims, dims).CopyTo(centre);
            total = 0.0;
            for (int i = 0; i < rows; i++)
            {
                nearest[i] = Math.Min(nearest[i], SquaredDistance.Of(data.Slice(i * dims, dims), centre));
                total += nearest[i];
            }
        }
    }

    private static int Draw(double[] weights, double total, LegacyRandomState random)
    {
        double u = random.NextDouble();
        if (!(total > 0.0))
        {
            // Every row sits on a centre already: any row is as good, so draw uniformly.
            return Math.Min((int)(u * weights.Length), weights.Length - 1);
        }
        double target = u * total;
        double cumulative = 0.0;
        int last = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0.0)
            {
                continue;
            }
            cumulative += weights[i];
            last = i;
            if (cumulative > target)
            {
                return i;
            }
        }
        // Rounding can leave the cumulative sum a hair below the target: the last row with weight is the one meant.
        return last;
    }
}
