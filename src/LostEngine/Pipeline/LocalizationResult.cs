using LostEngine.Kernel;

namespace LostEngine.Pipeline;

/// <summary>
/// What <see cref="LostLocalizer"/> found on one image. A value type, so a frame call allocates nothing; the
/// per-patch details stay in the localizer's workspaces until its next call (<see cref="LostLocalizer.LostDetails"/>,
/// <see cref="LostLocalizer.NcutDetails"/>, <see cref="LostLocalizer.DinoSegDetails"/>).
/// </summary>
/// <param name="ImageWidth">Width of the image handed in, before padding, in pixels.</param>
/// <param name="ImageHeight">Height of the image handed in, before padding, in pixels.</param>
/// <param name="GridRows">Rows of the padded patch grid.</param>
/// <param name="GridCols">Columns of the padded patch grid.</param>
/// <param name="Method">The method that ran; only its result is meaningful, the others are default.</param>
/// <param name="Lost">LOST's result, in the pixels the model saw (<see cref="ModelWidth"/>); <see cref="Box"/> is in the image's.</param>
/// <param name="DinoSeg">DINO-seg's result.</param>
/// <param name="TokenCut">TokenCut's result.</param>
/// <param name="MaskCut">MaskCut's result; its objects are in <see cref="LostLocalizer.NcutDetails"/>.</param>
/// <param name="Timings">Time spent in each stage.</param>
public readonly record struct LocalizationResult(
    int ImageWidth, int ImageHeight, int GridRows, int GridCols, LocalizationMethod Method,
    LostResult Lost, DinoSegResult DinoSeg, TokenCutResult TokenCut, MaskCutResult MaskCut, StageTimings Timings)
{
    private readonly int _modelWidth;
    private readonly int _modelHeight;

    /// <summary>
    /// Width of the image the model saw, in pixels: <see cref="ImageWidth"/>, or less when
    /// <see cref="LocalizerOptions.MaxSide"/> downscaled it. The grid, the seed, each method's own result and the
    /// localizer's details are in these pixels.
    /// </summary>
    public int ModelWidth { get => _modelWidth == 0 ? ImageWidth : _modelWidth; init => _modelWidth = value; }

    /// <summary>Height of the image the model saw, in pixels (see <see cref="ModelWidth"/>).</summary>
    public int ModelHeight { get => _modelHeight == 0 ? ImageHeight : _modelHeight; init => _modelHeight = value; }

    /// <summary>Whether the model saw a downscaled image.</summary>
    public bool Downscaled => ModelWidth != ImageWidth || ModelHeight != ImageHeight;

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
    /// The box in the image's pixels, <c>[x1, y1, x2, y2]</c>; default when there is no object. For MaskCut, its first
    /// object's box: the one box per image that CorLoc scores.
    /// </summary>
    public PixelBox Box => ToImagePixels(Method switch
    {
        LocalizationMethod.Lost => Lost.Box,
        LocalizationMethod.DinoSeg => DinoSeg.Box,
        LocalizationMethod.TokenCut => TokenCut.Box,
        LocalizationMethod.MaskCut => MaskCut.FirstObject.Box,
        _ => throw UnknownMethod(),
    });

    /// <summary>
    /// A box in the model's pixels (a MaskCut object's, say) in the image's: minima scaled and floored, maxima scaled,
    /// ceiled and clipped to the image, so the box covers at least what it covered in the downscaled image.
    /// </summary>
    public PixelBox ToImagePixels(PixelBox modelBox)
    {
        if (!Downscaled)
        {
            return modelBox;
        }
        return new PixelBox(
            (int)((long)modelBox.X1 * ImageWidth / ModelWidth),
            (int)((long)modelBox.Y1 * ImageHeight / ModelHeight),
            (int)Math.Min(ImageWidth, ((long)modelBox.X2 * ImageWidth + ModelWidth - 1) / ModelWidth),
            (int)Math.Min(ImageHeight, ((long)modelBox.Y2 * ImageHeight + ModelHeight - 1) / ModelHeight));
    }

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
