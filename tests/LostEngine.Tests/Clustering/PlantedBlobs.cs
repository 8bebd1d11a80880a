using LostEngine.Clustering;

namespace LostEngine.Tests.Clustering;

/// <summary>Well separated Gaussian blobs in random directions, with the blob each row was drawn from.</summary>
internal sealed record PlantedBlobs(FeatureRows Features, int[] Truth)
{
    public static PlantedBlobs Make(int blobs, int rows, int dims, int seed, double spread = 0.05)
    {
        var random = new System.Random(seed);
        var means = new double[blobs * dims];
        for (int i = 0; i < means.Length; i++)
        {
            means[i] = Normal(random);
        }
        var values = new double[rows * dims];
        var truth = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            truth[i] = i % blobs;
            for (int f = 0; f < dims; f++)
            {
                values[i * dims + f] = means[truth[i] * dims + f] + spread * Normal(random);
            }
        }
        return new PlantedBlobs(FeatureRows.FromDouble(values, rows, dims), truth);
    }

    /// <summary>Whether <paramref name="labels"/> split the rows exactly as the blobs do, whatever the cluster numbers.</summary>
    public bool Recovered(int[] labels)
    {
        var blobOfLabel = new Dictionary<int, int>();
        var labelOfBlob = new Dictionary<int, int>();
        for (int i = 0; i < labels.Length; i++)
        {
            if (blobOfLabel.TryGetValue(labels[i], out int blob) && blob != Truth[i])
            {
                return false;
            }
            if (labelOfBlob.TryGetValue(Truth[i], out int label) && label != labels[i])
            {
                return false;
            }
            blobOfLabel[labels[i]] = Truth[i];
            labelOfBlob[Truth[i]] = labels[i];
        }
        return true;
    }

    private static double Normal(System.Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
