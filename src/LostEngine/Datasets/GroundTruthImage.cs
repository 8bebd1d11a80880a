using LostEngine.Evaluation;

namespace LostEngine.Datasets;

/// <summary>One image of an evaluated set with its ground-truth boxes.</summary>
/// <param name="Key">The key the reference uses for it: the annotation's file name (VOC) or the image id (COCO).</param>
/// <param name="FileName">The image's file name, without folders.</param>
/// <param name="ImagePath">Where the image file is expected.</param>
/// <param name="NumericId">The COCO image id; for VOC the id when it is a number (VOC07), else null.</param>
/// <param name="Boxes">The ground-truth boxes that take part in the evaluation.</param>
/// <param name="Status">How the image enters the CorLoc.</param>
/// <param name="Reason">Why it is excluded or unreadable, or why it cannot be found (no box); null otherwise.</param>
public sealed record GroundTruthImage(
    string Key,
    string FileName,
    string ImagePath,
    long? NumericId,
    IReadOnlyList<BoundingBox> Boxes,
    GroundTruthStatus Status,
    string? Reason)
{
    /// <summary>
    /// The image's width in pixels as its annotation states it (VOC's <c>&lt;size&gt;</c>, COCO's <c>width</c>); null
    /// when the annotation has none. Pseudo-labels need it; CorLoc does not.
    /// </summary>
    public int? Width { get; init; }

    /// <summary>The image's height in pixels as its annotation states it; null when the annotation has none.</summary>
    public int? Height { get; init; }

    /// <summary>The file name without its extension (the VOC id, or the COCO file stem).</summary>
    public string Stem => Path.GetFileNameWithoutExtension(FileName);

    /// <summary>
    /// VOC: every object with its class and difficult flag, for class-aware evaluation; null for COCO, for an
    /// unreadable annotation, and when the set is read with <see cref="VocGroundTruthOptions.NoHard"/>.
    /// </summary>
    public VocAnnotation? Voc { get; init; }
}
