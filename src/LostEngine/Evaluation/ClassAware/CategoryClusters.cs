using LostEngine.Evaluation.Detections;

namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// The cluster each detection names: its <c>category_id</c> less the category offset. A detector trained on the
/// reference's dataset dicts writes cluster <c>c</c> as <c>c</c>; one trained on a COCO file whose category ids start
/// at 1 writes <c>c + 1</c>, as detectron2's <c>COCOEvaluator</c> maps its classes back to the file's ids.
/// </summary>
internal static class CategoryClusters
{
    /// <summary>The cluster of every entry, in file order.</summary>
    /// <exception cref="LostInputException">An entry has no <c>category_id</c>, or one that makes no cluster from 0 to <see cref="ClusterEvaluationOptions.MaxClusters"/> less one.</exception>
    public static int[] Of(DetectionResults detections, int offset)
    {
        var clusters = new int[detections.Count];
        for (int i = 0; i < clusters.Length; i++)
        {
            DetectionEntry entry = detections.Entries[i];
            long category = entry.CategoryId ?? throw detections.EntryError(entry.Index, "category_id", "is missing; it names the cluster");
            long cluster = category - offset;
            if (cluster < 0 || cluster >= ClusterEvaluationOptions.MaxClusters)
            {
                throw detections.EntryError(entry.Index, "category_id",
                    $"must be from {offset} to {offset + ClusterEvaluationOptions.MaxClusters - 1} (clusters 0 to {ClusterEvaluationOptions.MaxClusters - 1} at category offset {offset}), not {category}");
            }
            clusters[i] = (int)cluster;
        }
        return clusters;
    }
}
