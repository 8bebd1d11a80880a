using LostEngine.Datasets;
using LostEngine.Evaluation;

namespace LostEngine.PseudoLabels;

/// <summary>One image's box as a training label for a detector.</summary>
/// <param name="Image">The dataset image.</param>
/// <param name="ImageId">Its numeric id in a COCO instances file.</param>
/// <param name="Width">Its width in pixels, from its annotation or else its file's header.</param>
/// <param name="Height">Its height in pixels.</param>
/// <param name="Box">The predicted box, <c>[x1, y1, x2, y2]</c>.</param>
/// <param name="Cluster">The box's cluster (0-based) for a class-aware detector; null for a class-agnostic one.</param>
public sealed record PseudoLabel(GroundTruthImage Image, long ImageId, int Width, int Height, BoundingBox Box, int? Cluster);

/// <summary>The pseudo-labels of a dataset, in the dataset's order.</summary>
/// <param name="SetName">The dataset's name, for reports.</param>
/// <param name="Labels">One label per image that has a predicted box.</param>
/// <param name="ClusterCount">How many clusters the labels' classes come from; null when class-agnostic.</param>
/// <param name="WithoutBox">Images of the dataset with no box (no prediction, or "no object"), left out.</param>
/// <param name="Issues">What was noticed without stopping: predictions naming no image, ids renumbered.</param>
public sealed record PseudoLabelSet(
    string SetName, IReadOnlyList<PseudoLabel> Labels, int? ClusterCount, int WithoutBox, IReadOnlyList<EvaluationIssue> Issues);
