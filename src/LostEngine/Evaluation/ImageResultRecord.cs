namespace LostEngine.Evaluation;

/// <summary>
/// One line of a per-image log or resume journal: <c>{"image": key, "box": [x1, y1, x2, y2] | null, ...}</c>.
/// </summary>
/// <param name="Image">The image's key (file name or COCO id).</param>
/// <param name="Box">The predicted box, or null for "no object".</param>
/// <param name="BestIoU">The best IoU with the ground truth, when it was evaluated.</param>
/// <param name="Correct">Whether the image counted as found, when it was evaluated.</param>
/// <param name="Note">Anything worth keeping about the image (a failure, a reason).</param>
/// <param name="Objects">
/// Every box of a method that finds several objects (MaskCut), in its order, <see cref="Box"/> first; null for a
/// method with one box per image. Kept so a resumed run still writes every object as a detection.
/// </param>
public sealed record ImageResultRecord(
    string Image, BoundingBox? Box, double? BestIoU = null, bool? Correct = null, string? Note = null, IReadOnlyList<BoundingBox>? Objects = null)
{
    // The journal's format since its first version: a failure is a record with no box and this note.
    private const string FailurePrefix = "failed: ";

    /// <summary>
    /// Whether the image could not be read, decoded or run: it has no result, and a resumed run tries it again.
    /// </summary>
    public bool IsFailure => Box is null && Note is not null && Note.StartsWith(FailurePrefix, StringComparison.Ordinal);

    /// <summary>The record of an image that could not be read, decoded or run, and why.</summary>
    public static ImageResultRecord Failure(string image, string reason) => new(image, null, Note: FailurePrefix + reason);
}
