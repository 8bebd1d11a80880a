using System.Numerics;

namespace LostEngine.Clustering;

/// <summary>
/// The centre update of both inits, SciPy's <c>update_cluster_means</c> with kmeans2's <c>missing='warn'</c> rule: each centre becomes the
/// mean of its observations (added in order, divided by their count, in the data's precision), and a centre
/// with no observation keeps its previous position.
/// </summary>
internal static class ClusterMeans
{
    /// <summary>Overwrites <paramref name="centres"/> with the means; returns how many clusters were empty.</summary>
    public static int Update<T>(ReadOnlySpan<T> data, ReadOnlySpan<int> labels, int dims, Span<T> centres)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = centres.Length / dims;
        var sums = new T[centres.Length];
        var members = new int[count];
        for (int i = 0; i < labels.Length; i++)
        {
            Span<T> sum = sums.AsSpan(labels[i] * dims, dims);
            ReadOnlySpan<T> observation = data.Slice(i * dims, dims);
            for (int f = 0; f < dims; f++)
            {
                sum[f] += observation[f];
            }
            members[labels[i]]++;
        }
        int empty = 0;
        for (int j = 0; j < count; j++)
        {
            if (members[j] == 0)
            {
                empty++;
                continue;
            }
            T size = T.CreateTruncating(members[j]);
            for (int f = 0; f < dims; f++)
            {
                centres[j * dims + f] = sums[j * dims + f] / size;
            }
        }
        return empty;
    }
}
