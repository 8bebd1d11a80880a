using LostEngine.Evaluation;

namespace LostEngine.Clustering.Features;

/// <summary>One box whose feature is wanted: the image file and the box in its pixels, <c>[x1, y1, x2, y2]</c>.</summary>
/// <param name="ImagePath">The image file.</param>
/// <param name="Box">The predicted box, as <c>lost localize</c> writes it.</param>
public sealed record BoxFeatureRequest(string ImagePath, BoundingBox Box);
