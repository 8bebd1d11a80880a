using LostEngine.Evaluation;

namespace LostEngine.Datasets;

/// <summary>The images of an evaluated set, in the reference's order, and what was wrong while reading them.</summary>
/// <param name="Name">A name for reports, e.g. <c>VOC2007_trainval-nohards</c>.</param>
/// <param name="Images">Every image of the set, including excluded and unreadable ones.</param>
/// <param name="Issues">Problems found per item; none of them stopped the reading.</param>
public sealed record GroundTruthSet(string Name, IReadOnlyList<GroundTruthImage> Images, IReadOnlyList<EvaluationIssue> Issues);
