using LostEngine.Imaging;
using LostEngine.Kernel;
using LostEngine.Model;

namespace LostEngine.Pipeline;

/// <summary>Everything a <see cref="LostLocalizer"/> is built from; the defaults are the reference's.</summary>
public sealed record LocalizerOptions
{
    /// <summary>The ONNX model (see <see cref="ModelContract"/>).</summary>
    public required string ModelPath { get; init; }

    /// <summary>Which features LOST runs on; keys by default.</summary>
    public FeatureKind Features { get; init; } = FeatureKind.K;

    /// <summary>LOST's number of potentials.</summary>
    public int KPatches { get; init; } = LostParameters.DefaultKPatches;

    /// <summary>LOST, TokenCut, MaskCut or the DINO-seg baseline.</summary>
    public LocalizationMethod Method { get; init; } = LocalizationMethod.Lost;

    /// <summary>
    /// TokenCut's and MaskCut's similarity threshold, in [-1, 1]; null takes the method's default
    /// (<see cref="TokenCutParameters.DefaultTau"/>, <see cref="MaskCutParameters.DefaultTau"/>).
    /// </summary>
    public float? Tau { get; init; }

    /// <summary>TokenCut's and MaskCut's weight of a pair that is not an edge, in (0, 1]; null takes <see cref="TokenCutParameters.DefaultEps"/>.</summary>
    public double? Eps { get; init; }

    /// <summary>MaskCut's number of cuts, 1 to <see cref="MaskCutParameters.MaxRounds"/>; null takes <see cref="MaskCutParameters.DefaultRounds"/>.</summary>
    public int? Rounds { get; init; }

    /// <summary>The attention head DINO-seg reads; must be below the model's head count.</summary>
    public int DinoSegHead { get; init; } = DinoSeg.DefaultHead;

    /// <summary>Reproduce the reference's DINO-seg component loop, which never considers its last label (spec section 3).</summary>
    public bool DinoSegReferenceCompatible { get; init; }

    /// <summary>Where the model runs.</summary>
    public ExecutionProviderKind ExecutionProvider { get; init; } = ExecutionProviderKind.Cpu;

    /// <summary>ONNX Runtime's intra-op threads, at most <see cref="ModelOptions.MaxIntraOpThreads"/>; 0 lets it choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>GPU ordinal for CUDA and TensorRT.</summary>
    public int DeviceId { get; init; }

    /// <summary>TensorRT fp16 engines.</summary>
    public bool TensorRtFp16 { get; init; }

    /// <summary>TensorRT engine cache folder; null disables the cache.</summary>
    public string? TensorRtEngineCacheDirectory { get; init; }

    /// <summary>How the kernel runs (its threads at most <see cref="LostKernelOptions.MaxThreads"/>).</summary>
    public LostKernelOptions Kernel { get; init; } = LostKernelOptions.Default;

    /// <summary>
    /// Largest image accepted, in pixels, checked from the header before decoding: a bound on the decoded pixels. What
    /// the model needs is checked on its own before each image runs (<see cref="Memory.ImageMemoryException"/>).
    /// </summary>
    public long PixelLimit { get; init; } = ImageDecoder.DefaultPixelLimit;

    /// <summary>
    /// When set, an image whose longer side is above it is downscaled before the model so that side is
    /// <c>MaxSide</c> pixels: the aspect kept, the shorter side <c>round(shorter × MaxSide / longer)</c> (halves up,
    /// at least 1), each pixel the mean of the area it covers (a box filter, exact integer sums, the same bytes on
    /// every machine). Boxes come back in the original image's pixels: minima scaled and floored, maxima scaled and
    /// ceiled, clipped to the image (<see cref="LocalizationResult.ToImagePixels"/>). Null: images run at their size.
    /// </summary>
    public int? MaxSide { get; init; }

    /// <summary>Image sizes kept bound at once.</summary>
    public int BindingCacheSize { get; init; } = KeyExtractor.DefaultCacheSize;

    /// <summary>The model-loading part of these options.</summary>
    public ModelOptions ToModelOptions() => new()
    {
        ExecutionProvider = ExecutionProvider,
        IntraOpThreads = IntraOpThreads,
        DeviceId = DeviceId,
        TensorRtFp16 = TensorRtFp16,
        TensorRtEngineCacheDirectory = TensorRtEngineCacheDirectory,
    };

    /// <summary>The outputs the chosen method reads.</summary>
    public ModelOutputs RequiredOutputs => Method.ReadsFeatures() ? Features.Output() : ModelOutputs.ClsAttention;

    /// <summary>TokenCut's parameters on <paramref name="grid"/>, unset values taking TokenCut's defaults.</summary>
    public TokenCutParameters TokenCutParametersFor(in PatchGrid grid)
        => new(grid, Tau ?? TokenCutParameters.DefaultTau, Eps ?? TokenCutParameters.DefaultEps);

    /// <summary>MaskCut's parameters on <paramref name="grid"/>, unset values taking MaskCut's defaults.</summary>
    public MaskCutParameters MaskCutParametersFor(in PatchGrid grid)
        => new(grid, Tau ?? MaskCutParameters.DefaultTau, Eps ?? TokenCutParameters.DefaultEps, Rounds ?? MaskCutParameters.DefaultRounds);

    /// <summary>Throws <see cref="LostInputException"/> naming the first option that cannot work, before the model is loaded.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            throw new LostInputException("model", "no model path was given.");
        }
        if (!Enum.IsDefined(Features))
        {
            throw new LostInputException("features", $"{(int)Features} is not one of k, q, v.");
        }
        if (!Enum.IsDefined(Method))
        {
            throw new LostInputException("method", $"{(int)Method} is not one of {LocalizationMethods.Choices}.");
        }
        // A value set for a method that never reads it is a mistake in the caller's setup, not something to ignore.
        if (!Method.IsNormalizedCut())
        {
            RequireUnset(Tau.HasValue, "tau", "tokencut and maskcut");
            RequireUnset(Eps.HasValue, "eps", "tokencut and maskcut");
        }
        if (Method != LocalizationMethod.MaskCut)
        {
            RequireUnset(Rounds.HasValue, "rounds", "maskcut");
        }
        if (Method.IsNormalizedCut())
        {
            // The kernel's own checks and messages; a one-cell grid always passes, so only tau, eps and rounds can fail.
            MaskCutParametersFor(PatchGrid.ForGrid(1, 1, 1)).Validate();
        }
        if (KPatches < 1)
        {
            throw new LostInputException("k_patches", $"must be at least 1, got {KPatches}.");
        }
        if (DinoSegHead < 0)
        {
            throw new LostInputException("dinoseg_head", $"must be 0 or more, got {DinoSegHead}.");
        }
        if (MaxSide is < 1)
        {
            throw new LostInputException("max_side", $"must be at least 1, got {MaxSide}.");
        }
        if (BindingCacheSize < 1)
        {
            throw new LostInputException("binding_cache_size", $"must be at least 1, got {BindingCacheSize}.");
        }
        ArgumentNullException.ThrowIfNull(Kernel);
        Kernel.Validate();
        ToModelOptions().Validate();
    }

    private void RequireUnset(bool isSet, string name, string methods)
    {
        if (isSet)
        {
            throw new LostInputException(name, $"applies to {methods}, not to method {Method.Name()}.");
        }
    }
}
