using LostEngine.Kernel;

namespace LostEngine.Pipeline;

/// <summary>
/// What <see cref="LostLocalizer"/> found on one image. A value type, so a frame call allocates nothing; the
/// per-patch details stay in the localizer's workspaces until its next call (<see cref="LostLocalizer.LostDetails"/>,
/// <see cref="LostLocalizer.NcutDetails"/>, <see cref="LostLocalizer.DinoSegDetails"/>).
/// </summary>
/// <param name="ImageWidth">Width before padding, in pixels.</param>
/// <param name="ImageHeight">Height before padding, in pixels.</param>
/// <param name="GridRows">Rows of the padded patch grid.</param>
/// <param name="GridCols">Columns of the padded patch grid.</param>
/// <param name="Method">The method that ran; only its result is meaningful, the others are default.</param>
/// <param name="Lost">LOST's result.</param>
/// <param name="DinoSeg">DINO-seg's result.</param>
/// <param name="TokenCut">TokenCut's result.</param>
/// <param name="MaskCut">MaskCut's result; its objects are in <see cref="LostLocalizer.NcutDetails"/>.</param>
/// <param name="Timings">Time spent in each stage.</param>
public readonly record struct LocalizationResult(
    int ImageWidth, int ImageHeight, int GridRows, int GridCols, LocalizationMethod Method,
    LostResult Lost, DinoSegResult DinoSeg, TokenCutResult TokenCut, MaskCutResult MaskCut, StageTimings Timings)
{
    /// <summary>Whether an object was found.</summary>
    public bool HasObject => Method switch
    {
        LocalizationMethod.Lost => Lost.HasObject,
        LocalizationMethod.DinoSeg => DinoSeg.HasObject,
        LocalizationMethod.TokenCut => TokenCut.HasObject,
        LocalizationMethod.MaskCut => MaskCut.HasObject,
        _ => throw UnknownMethod(),
    };

    /// <summary>
    /// The box in pixels, <c>[x1, y1, x2, y2]</c>; default when there is no object. For MaskCut, its first object's
    /// box: the one box per image that CorLoc scores.
    /// </summary>
    public PixelBox Box => Method switch
    {
        LocalizationMethod.Lost => Lost.Box,
        LocalizationMethod.DinoSeg => DinoSeg.Box,
        LocalizationMethod.TokenCut => TokenCut.Box,
        LocalizationMethod.MaskCut => MaskCut.FirstObject.Box,
        _ => throw UnknownMethod(),
    };

    /// <summary>
    /// LOST's seed patch (also without an object: the seed it found in the background), or TokenCut's when it made a
    /// cut; null for DINO-seg, which has none, and for MaskCut, whose seeds are per round.
    /// </summary>
    public int? Seed => Method switch
    {
        LocalizationMethod.Lost => Lost.Seed,
        LocalizationMethod.TokenCut when TokenCut.HasObject => TokenCut.Seed,
        _ => null,
    };

    /// <summary>Why there is no object, or empty.</summary>
    public string ReasonText => Method switch
    {
        LocalizationMethod.Lost => Lost.ReasonText,
        LocalizationMethod.DinoSeg => DinoSeg.ReasonText,
        LocalizationMethod.TokenCut => TokenCut.ReasonText,
        LocalizationMethod.MaskCut => MaskCut.ReasonText,
        _ => throw UnknownMethod(),
    };

    private InvalidOperationException UnknownMethod() => new($"Unknown method {Method}.");
}
