using LostEngine.Numerics;

namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// The reference's <c>voc_eval</c> and <c>voc_ap</c> (all-point AP) for one class and one cluster, at several IoU
/// thresholds: the best overlap of each detection is found once, then each threshold marks true and false
/// positives going down the sorted detections. Every operation is NumPy's, in NumPy's order, so the AP is the
/// reference's to the last bit: the +1 pixel areas, a difficult object's hit neither true nor false, a second hit
/// on an object false, precision over <c>max(tp + fp, eps)</c>, the precision envelope, and the pairwise sum.
/// </summary>
internal static class VocAveragePrecision
{
    /// <summary>Writes the AP (a fraction) at each of <paramref name="thresholds"/> into <paramref name="aps"/>.</summary>
    public static void Compute(ClusterDetections detections, ClassGroundTruth truth, ReadOnlySpan<double> thresholds,
        Span<double> aps, Workspace workspace)
    {
        workspace.Reserve(detections.Count, truth.Count);
        FindBestOverlaps(detections, truth, workspace.BestOverlap, workspace.BestObject);
        for (int t = 0; t < thresholds.Length; t++)
        {
            aps[t] = AtThreshold(detections.Count, truth, thresholds[t], workspace);
        }
    }

    private static void FindBestOverlaps(ClusterDetections detections, ClassGroundTruth truth, double[] bestOverlap, int[] bestObject)
    {
        double[] gx1 = truth.X1, gy1 = truth.Y1, gx2 = truth.X2, gy2 = truth.Y2;
        int[] start = truth.ImageStart;
        for (int d = 0; d < detections.Count; d++)
        {
            int image = detections.Image[d];
            int first = start[image], end = start[image + 1];
            if (first == end)
            {
                bestOverlap[d] = double.NegativeInfinity;
                bestObject[d] = -1;
                continue;
            }
            double bx1 = detections.X1[d], by1 = detections.Y1[d], bx2 = detections.X2[d], by2 = detections.Y2[d];
            double detectionArea = (bx2 - bx1 + 1.0) * (by2 - by1 + 1.0);
            double best = 0;
            int bestAt = -1;
            for (int g = first; g < end; g++)
            {
                double iw = Math.Max(Math.Min(gx2[g], bx2) - Math.Max(gx1[g], bx1) + 1.0, 0.0);
                double ih = Math.Max(Math.Min(gy2[g], by2) - Math.Max(gy1[g], by1) + 1.0, 0.0);
                double inters = iw * ih;
                double union = detectionArea + (gx2[g] - gx1[g] + 1.0) * (gy2[g] - gy1[g] + 1.0) - inters;
                double overlap = inters / union;
                // np.max and np.argmax: the first maximum, and a NaN (a degenerate box's 0/0) wins over everything.
                if (bestAt < 0 || overlap > best || (double.IsNaN(overlap) && !double.IsNaN(best)))
                {
                    best = overlap;
                    bestAt = g;
                }
            }
            bestOverlap[d] = best;
            bestObject[d] = bestAt;
        }
    }

    private static double AtThreshold(int count, ClassGroundTruth truth, double threshold, Workspace workspace)
    {
        double[] precision = workspace.Precision;
        bool[] truePositive = workspace.TruePositive;
        bool[] claimed = workspace.Claimed;
        Array.Clear(claimed, 0, truth.Count);
        double tp = 0, fp = 0;
        for (int d = 0; d < count; d++)
        {
            truePositive[d] = false;
            int g = workspace.BestObject[d];
            if (workspace.BestOverlap[d] > threshold)
            {
                if (!truth.Difficult[g])
                {
                    if (!claimed[g])
                    {
                        tp++;
                        truePositive[d] = true;
                        claimed[g] = true;
                    }
                    else
                    {
                        fp++;
                    }
                }
            }
            else
            {
                fp++;
            }
            precision[d] = tp / Math.Max(tp + fp, MachineEpsilon);
        }

        // voc_ap's envelope: a later, higher precision lifts every point before it.
        double envelope = 0;
        for (int d = count - 1; d >= 0; d--)
        {
            envelope = Math.Max(precision[d], envelope);
            precision[d] = envelope;
        }

        // voc_ap sums (Δ recall) × precision where the recall, with 0 before and 1 after, changes: at each true
        // positive, and at the end unless the recall reached 1 (a term of 0 that still shapes NumPy's pairwise sum).
        double[] terms = workspace.Terms;
        int termCount = 0;
        double npos = truth.Positives;
        double recall = 0;
        int hits = 0;
        for (int d = 0; d < count; d++)
        {
            if (truePositive[d])
            {
                hits++;
                double next = hits / npos;
                terms[termCount++] = (next - recall) * precision[d];
                recall = next;
            }
        }
        if (recall != 1.0)
        {
            terms[termCount++] = (1.0 - recall) * 0.0;
        }
        return NumpySums.Pairwise(terms.AsSpan(0, termCount));
    }

    /// <summary><c>np.finfo(np.float64).eps</c>.</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Per-thread buffers, grown to the largest cluster and class seen.</summary>
    internal sealed class Workspace
    {
        public double[] BestOverlap { get; private set; } = [];

        public int[] BestObject { get; private set; } = [];

        public double[] Precision { get; private set; } = [];

        public bool[] TruePositive { get; private set; } = [];

        public double[] Terms { get; private set; } = [];

        public bool[] Claimed { get; private set; } = [];

        public void Reserve(int detections, int objects)
        {
            // One term more than detections: the recall's last step to 1, there even with no detection.
            if (Terms.Length < detections + 1)
            {
                BestOverlap = new double[detections];
                BestObject = new int[detections];
                Precision = new double[detections];
                TruePositive = new bool[detections];
                Terms = new double[detections + 1];
            }
            if (Claimed.Length < objects)
            {
                Claimed = new bool[objects];
            }
        }
    }
}
