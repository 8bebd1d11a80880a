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

    /// <summary>LOST or the DINO-seg baseline.</summary>
    public LocalizationMethod Method { get; init; } = LocalizationMethod.Lost;

    /// <summary>The attention head DINO-seg reads; must be below the model's head count.</summary>
    public int DinoSegHead { get; init; } = DinoSeg.DefaultHead;

    /// <summary>Reproduce the reference's DINO-seg component loop, which never considers its last label (spec section 3).</summary>
    public bool DinoSegReferenceCompatible { get; init; }

    /// <summary>Where the model runs.</summary>
    public ExecutionProviderKind ExecutionProvider { get; init; } = ExecutionProviderKind.Cpu;

    /// <summary>ONNX Runtime's intra-op threads; 0 lets it choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>GPU ordinal for CUDA and TensorRT.</summary>
    public int DeviceId { get; init; }

    /// <summary>TensorRT fp16 engines.</summary>
    public bool TensorRtFp16 { get; init; }

    /// <summary>TensorRT engine cache folder; null disables the cache.</summary>
    public string? TensorRtEngineCacheDirectory { get; init; }

    /// <summary>How the LOST kernel runs.</summary>
    public LostKernelOptions Kernel { get; init; } = LostKernelOptions.Default;

    /// <summary>Largest image accepted, in pixels, checked from the header before decoding.</summary>
    public long PixelLimit { get; init; } = ImageDecoder.DefaultPixelLimit;

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
    public ModelOutputs RequiredOutputs => Method == LocalizationMethod.Lost ? Features.Output() : ModelOutputs.ClsAttention;

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
            throw new LostInputException("method", $"{(int)Method} is not one of lost, dinoseg.");
        }
        if (KPatches < 1)
        {
            throw new LostInputException("k_patches", $"must be at least 1, got {KPatches}.");
        }
        if (DinoSegHead < 0)
        {
            throw new LostInputException("dinoseg_head", $"must be 0 or more, got {DinoSegHead}.");
        }
        if (BindingCacheSize < 1)
        {
            throw new LostInputException("binding_cache_size", $"must be at least 1, got {BindingCacheSize}.");
        }
        ToModelOptions().Validate();
    }
}
