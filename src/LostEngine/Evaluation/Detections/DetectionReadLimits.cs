namespace LostEngine.Evaluation.Detections;

/// <summary>
/// Bounds on a detection results file, checked before the memory they would take is allocated. The defaults hold
/// detectron2's 100 detections per image over COCO's 123,000 images several times over.
/// </summary>
/// <param name="MaxFileBytes">The largest file read.</param>
/// <param name="MaxEntries">The most detections read.</param>
public sealed record DetectionReadLimits(long MaxFileBytes = 2L << 30, int MaxEntries = 20_000_000)
{
    /// <summary>The default limits.</summary>
    public static DetectionReadLimits Default { get; } = new();
}
