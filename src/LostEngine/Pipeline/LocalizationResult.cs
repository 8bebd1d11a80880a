using LostEngine.Kernel;

namespace LostEngine.Pipeline;

/// <summary>
/// What <see cref="LostLocalizer"/> found on one image. A value type, so a frame call allocates nothing; the
/// per-patch details stay in the localizer's workspaces until its next call.
/// </summary>
/// <param name="ImageWidth">Width before padding, in pixels.</param>
/// <param name="ImageHeight">Height before padding, in pixels.</param>
/// <param name="GridRows">Rows of the padded patch grid.</param>
/// <param name="GridCols">Columns of the padded patch grid.</param>
/// <param name="Method">The method that ran; only its result is meaningful.</param>
/// <param name="Lost">LOST's result (default when <see cref="Method"/> is DINO-seg).</param>
/// <param name="DinoSeg">DINO-seg's result (default when <see cref="Method"/> is LOST).</param>
/// <param name="Timings">Time spent in each stage.</param>
public readonly record struct LocalizationResult(
    int ImageWidth, int ImageHeight, int GridRows, int GridCols, LocalizationMethod Method,
    LostResult Lost, DinoSegResult DinoSeg, StageTimings Timings)
{
    /// <summary>Whether an object was found.</summary>
    public bool HasObject => Method == LocalizationMethod.Lost ? Lost.HasObject : DinoSeg.HasObject;

    /// <summary>The box in pixels, <c>[x1, y1, x2, y2]</c>; default when there is no object.</summary>
    public PixelBox Box => Method == LocalizationMethod.Lost ? Lost.Box : DinoSeg.Box;

    /// <summary>LOST's seed patch; null for DINO-seg, which has none.</summary>
    public int? Seed => Method == LocalizationMethod.Lost ? Lost.Seed : null;

    /// <summary>Why there is no object, or empty.</summary>
    public string ReasonText => Method == LocalizationMethod.Lost ? Lost.ReasonText : DinoSeg.ReasonText;
}
