namespace LostEngine.Evaluation.Detections;

/// <summary>One entry of a COCO detection results file, its box already turned into corners as the reference does.</summary>
/// <param name="ImageId">The image id, as Python's <c>int()</c> reads the entry's <c>image_id</c>.</param>
/// <param name="Box"><c>[x, y, x + w, y + h]</c>, summed as Python sums the JSON numbers (no +1, no rounding).</param>
/// <param name="Score">The detector's confidence.</param>
/// <param name="IntegerBox">True when all four bbox numbers were written as JSON integers (an int64 array in the reference).</param>
public readonly record struct Detection(long ImageId, BoundingBox Box, double Score, bool IntegerBox);
