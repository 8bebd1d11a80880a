using LostEngine.Evaluation;

namespace LostEngine.Clustering;

/// <summary>A clustering of the boxes of images: what <c>lost cluster --output</c> holds.</summary>
/// <param name="Images">The images, in the order of the clustering's rows (Python's sorted order of their keys).</param>
/// <param name="Boxes">Each image's predicted box, as the predictions map gave it.</param>
/// <param name="Result">The clustering of the images' features.</param>
/// <param name="Seed">The seed it was drawn with.</param>
/// <param name="Initialization">How it started.</param>
public sealed record ClusteredBoxes(IReadOnlyList<string> Images, IReadOnlyList<BoundingBox> Boxes, ClusteringResult Result, uint Seed,
    ClusterInitialization Initialization);
