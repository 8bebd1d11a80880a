namespace LostEngine.Model;

/// <summary>How a <see cref="DinoModel"/> is loaded: execution provider and its settings, CPU threads.</summary>
public sealed record ModelOptions
{
    /// <summary>Where the model runs; <see cref="ExecutionProviderKind.Cpu"/> unless asked otherwise.</summary>
    public ExecutionProviderKind ExecutionProvider { get; init; } = ExecutionProviderKind.Cpu;

    /// <summary>
    /// The most intra-op threads accepted. ONNX Runtime starts every thread asked for, whatever the cores: past
    /// the few hundred hardware threads of the largest machines they only wait, and a hundred thousand make the
    /// process's memory grow until it is killed.
    /// </summary>
    public const int MaxIntraOpThreads = 256;

    /// <summary>Threads of ONNX Runtime's intra-op pool, at most <see cref="MaxIntraOpThreads"/>; 0 lets ONNX Runtime choose (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>GPU ordinal for CUDA and TensorRT.</summary>
    public int DeviceId { get; init; }

    /// <summary>Let TensorRT build fp16 engines (faster, features differ from fp32 within fp16 rounding).</summary>
    public bool TensorRtFp16 { get; init; }

    /// <summary>Folder where TensorRT keeps built engines between runs; null disables the cache.</summary>
    public string? TensorRtEngineCacheDirectory { get; init; }

    /// <summary>CPU, ONNX Runtime's thread choice.</summary>
    public static ModelOptions Default { get; } = new();

    /// <summary>Throws <see cref="LostInputException"/> naming the first option that cannot work.</summary>
    public void Validate()
    {
        if (IntraOpThreads < 0)
        {
            throw new LostInputException("intra_op_threads", $"must be 0 (automatic) or more, got {IntraOpThreads}.");
        }
        if (IntraOpThreads > MaxIntraOpThreads)
        {
            throw new LostInputException("intra_op_threads", $"must be at most {MaxIntraOpThreads}, got {IntraOpThreads}.");
        }
        if (DeviceId < 0)
        {
            throw new LostInputException("device_id", $"must be 0 or more, got {DeviceId}.");
        }
        if (!Enum.IsDefined(ExecutionProvider))
        {
            throw new LostInputException("execution_provider", $"{(int)ExecutionProvider} is not a known provider.");
        }
    }
}
