namespace LostEngine.Datasets;

/// <summary>Which Pascal VOC ground truth to read.</summary>
/// <param name="Root">The year's folder (e.g. <c>VOCdevkit/VOC2007</c>) holding ImageSets, Annotations and JPEGImages.</param>
/// <param name="Set">The image set, a file of <c>ImageSets/Main</c> without its extension.</param>
/// <param name="NoHard">
/// Drop objects marked truncated or difficult; images left without a box leave the denominator
/// (the reference's <c>--no_hard</c>).
/// </param>
public sealed record VocGroundTruthOptions(string Root, string Set = "trainval", bool NoHard = false);
