using LostEngine.Evaluation;

namespace LostEngine.Datasets;

/// <summary>
/// Every object of one VOC annotation as the reference's detection evaluation (<c>parse_rec</c>) reads it: the
/// class name, the difficult flag and the box, for class-aware scoring.
/// </summary>
/// <param name="Id">The image's id as the image-set file lists it (the key detection results name it by).</param>
/// <param name="Path">The annotation file, for messages.</param>
/// <param name="Objects">The objects in file order.</param>
public sealed record VocAnnotation(string Id, string Path, IReadOnlyList<VocObject> Objects);

/// <summary>One <c>&lt;object&gt;</c> of a VOC annotation.</summary>
/// <param name="Name">The <c>&lt;name&gt;</c> text as written (not trimmed, as <c>parse_rec</c> compares it); null when absent.</param>
/// <param name="Difficult">
/// The <c>&lt;difficult&gt;</c> flag read as Python's <c>int()</c> reads it, any non-zero value set; null when the
/// element is absent or not an integer, which the reference cannot read either.
/// </param>
/// <param name="Box">The box in the reader's convention (<c>xmin - 1</c>, <c>ymin - 1</c>, maxima unchanged).</param>
public sealed record VocObject(string? Name, bool? Difficult, BoundingBox Box);
