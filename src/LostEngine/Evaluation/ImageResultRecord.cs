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
    string Image, BoundingBox? Box, double? BestIoU = null, bool? Correct = null, string? Note = null, IReadOnlyList<BoundingBox>? Objects = null);
