using LostEngine.Evaluation.Detections;

namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// One cluster's detections in the order the reference's <c>sort_detections</c> leaves them (NumPy's argsort of
/// minus the score), as flat arrays: sorted once, then scored against every class.
/// </summary>
internal sealed class ClusterDetections
{
    private ClusterDetections(int count)
    {
        Image = new int[count];
        X1 = new double[count];
        Y1 = new double[count];
        X2 = new double[count];
        Y2 = new double[count];
    }

    public int Count => Image.Length;

    /// <summary>The index of each detection's image in the set.</summary>
    public int[] Image { get; }

    public double[] X1 { get; }

    public double[] Y1 { get; }

    public double[] X2 { get; }

    public double[] Y2 { get; }

    /// <summary>
    /// Sorts <paramref name="entries"/> (one cluster's, in file order, the order <c>load_predictions</c> appends
    /// them) with each one's image index in <paramref name="images"/>.
    /// </summary>
    public static ClusterDetections Sort(IReadOnlyList<DetectionEntry> entries, IReadOnlyList<int> images)
    {
        var keys = new double[entries.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = -entries[i].Score;
        }
        var order = new int[keys.Length];
        NumpyArgsort.Sort(keys, order);
        var sorted = new ClusterDetections(keys.Length);
        for (int i = 0; i < order.Length; i++)
        {
            sorted.Image[i] = images[order[i]];
            (sorted.X1[i], sorted.Y1[i], sorted.X2[i], sorted.Y2[i]) = DetectronCorners.Of(entries[order[i]]);
        }
        return sorted;
    }
}
