using LostEngine.Datasets;
using LostEngine.Evaluation.Detections;
using LostEngine.Numerics;

namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// Scores a detector whose categories are clusters against VOC ground truth, as the reference's
/// <c>evaluate_unsupervised_detection_voc.py</c> does: the AP at IoU 0.5 of every class × cluster pair, SciPy's
/// Hungarian matching maximising their mean, then AP50, AP75 and AP (IoU 0.50:0.05:0.95) of each class with its
/// cluster. Each cluster is sorted once and each pair scored once, the pairs in parallel; the numbers do not
/// depend on the thread count.
/// </summary>
public static class ClusterEvaluator
{
    private static readonly double[] MatchingThreshold = [0.5];

    /// <summary>The IoU thresholds of the final APs, computed as the reference's <c>thresh / 100.0</c>.</summary>
    private static readonly double[] ReportThresholds = Enumerable.Range(0, 10).Select(i => (50 + 5 * i) / 100.0).ToArray();

    /// <summary>Scores <paramref name="detections"/> against <paramref name="truth"/>.</summary>
    /// <exception cref="LostInputException">
    /// An annotation is missing or unreadable, a class has no object that is not difficult, a detection names an
    /// image outside the set, has no <c>category_id</c> or one that makes no cluster at the category offset, or there
    /// are fewer clusters than classes; the message names the file and the item.
    /// </exception>
    public static ClusterEvaluation Evaluate(GroundTruthSet truth, DetectionResults detections, ClusterEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(detections);
        options ??= new ClusterEvaluationOptions();
        options.Validate();

        int[] clusterOfEntry = CategoryClusters.Of(detections, options.CategoryOffset);
        var images = new DetectionImageIndex(truth);
        ClassGroundTruth[] classes = images.GroupByClass(options.Classes, truth.Name);
        var imageOfEntry = new int[detections.Count];
        for (int i = 0; i < imageOfEntry.Length; i++)
        {
            imageOfEntry[i] = images.Find(detections.Entries[i], detections);
        }
        int clusterCount = ClusterCountOf(detections, clusterOfEntry, options, classes.Length);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads == 0 ? Environment.ProcessorCount : options.Threads };
        ClusterDetections[] clusters = SortClusters(detections, clusterOfEntry, imageOfEntry, clusterCount, parallel);

        var reward = new double[classes.Length * clusterCount];
        Parallel.For(0, reward.Length, parallel, () => new VocAveragePrecision.Workspace(), (pair, _, workspace) =>
        {
            VocAveragePrecision.Compute(clusters[pair % clusterCount], classes[pair / clusterCount], MatchingThreshold,
                reward.AsSpan(pair, 1), workspace);
            return workspace;
        }, _ => { });

        var cost = new double[reward.Length];
        for (int i = 0; i < cost.Length; i++)
        {
            cost[i] = -reward[i];
        }
        int[] clusterOfClass = LinearSumAssignment.Solve(cost, classes.Length, clusterCount);

        var apByIoU = new double[classes.Length][];
        Parallel.For(0, classes.Length, parallel, () => new VocAveragePrecision.Workspace(), (c, _, workspace) =>
        {
            var aps = new double[ReportThresholds.Length];
            VocAveragePrecision.Compute(clusters[clusterOfClass[c]], classes[c], ReportThresholds, aps, workspace);
            for (int t = 0; t < aps.Length; t++)
            {
                aps[t] *= 100;
            }
            apByIoU[c] = aps;
            return workspace;
        }, _ => { });

        return Summarise(classes, clusterCount, reward, clusterOfClass, apByIoU);
    }

    private static int ClusterCountOf(DetectionResults detections, int[] clusterOfEntry, ClusterEvaluationOptions options, int classCount)
    {
        int largest = clusterOfEntry.Length == 0 ? -1 : clusterOfEntry.Max();
        long largestCategory = (long)largest + options.CategoryOffset;
        string offsetNote = options.CategoryOffset == 0 ? "" : $" (cluster {largest} at category offset {options.CategoryOffset})";
        if (options.Clusters is { } given)
        {
            if (given <= largest)
            {
                throw new LostInputException("clusters",
                    $"is {given}, but {detections.Source} has category_id {largestCategory}{offsetNote}; clusters are numbered from 0");
            }
            return given;
        }
        if (largest + 1 < classCount)
        {
            throw new LostInputException(detections.Source,
                $"its largest category_id is {largestCategory}{offsetNote}, which makes {largest + 1} clusters for {classCount} classes, and the matching gives "
                + "each class its own cluster; set the detector's cluster count (--clusters on the command line): a cluster that detects nothing scores AP 0");
        }
        return largest + 1;
    }

    private static ClusterDetections[] SortClusters(
        DetectionResults detections, int[] clusterOfEntry, int[] imageOfEntry, int clusterCount, ParallelOptions parallel)
    {
        var entries = new List<DetectionEntry>[clusterCount];
        var imageOf = new List<int>[clusterCount];
        for (int k = 0; k < clusterCount; k++)
        {
            entries[k] = [];
            imageOf[k] = [];
        }
        for (int i = 0; i < imageOfEntry.Length; i++)
        {
            int cluster = clusterOfEntry[i];
            imageOf[cluster].Add(imageOfEntry[i]);
            entries[cluster].Add(detections.Entries[i]);
        }
        var clusters = new ClusterDetections[clusterCount];
        Parallel.For(0, clusterCount, parallel, k => clusters[k] = ClusterDetections.Sort(entries[k], imageOf[k]));
        return clusters;
    }

    private static ClusterEvaluation Summarise(ClassGroundTruth[] classes, int clusterCount, double[] reward, int[] clusterOfClass, double[][] apByIoU)
    {
        var matched = new double[classes.Length];
        var perClass = new ClassClusterScore[classes.Length];
        var matrix = new IReadOnlyList<double>[classes.Length];
        for (int c = 0; c < classes.Length; c++)
        {
            matched[c] = reward[c * clusterCount + clusterOfClass[c]];
            matrix[c] = reward.AsSpan(c * clusterCount, clusterCount).ToArray();
            double[] aps = apByIoU[c];
            perClass[c] = new ClassClusterScore(classes[c].Name, clusterOfClass[c], aps, aps[0], aps[5], NumpySums.PairwiseMean<double>(aps));
        }
        var meanByIoU = new double[ReportThresholds.Length];
        var column = new double[classes.Length];
        for (int t = 0; t < meanByIoU.Length; t++)
        {
            for (int c = 0; c < classes.Length; c++)
            {
                column[c] = apByIoU[c][t];
            }
            meanByIoU[t] = NumpySums.PairwiseMean<double>(column);
        }
        return new ClusterEvaluation(classes.Select(c => c.Name).ToArray(), clusterCount, matrix, perClass,
            NumpySums.PairwiseMean<double>(matched) * 100, meanByIoU[0], meanByIoU[5], NumpySums.PairwiseMean<double>(meanByIoU));
    }
}
