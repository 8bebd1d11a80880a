namespace LostEngine.Model;

/// <summary>Where ONNX Runtime runs the model.</summary>
public enum ExecutionProviderKind
{
    /// <summary>ONNX Runtime's own CPU kernels; always available.</summary>
    Cpu = 0,

    /// <summary>NVIDIA CUDA; needs a GPU build of ONNX Runtime, the CUDA libraries and a device.</summary>
    Cuda = 1,

    /// <summary>NVIDIA TensorRT, with CUDA for the nodes TensorRT does not take.</summary>
    TensorRT = 2,

    /// <summary>TensorRT, then CUDA, then CPU: the first that loads wins, and each refusal is recorded.</summary>
    Auto = 3,
}

/// <summary>Names of <see cref="ExecutionProviderKind"/> as the command line and options files spell them.</summary>
public static class ExecutionProviderNames
{
    /// <summary>Every accepted name, in the order help text lists them.</summary>
    public static IReadOnlyList<string> All { get; } = ["cpu", "cuda", "tensorrt", "auto"];

    /// <summary>The lower-case name of a provider.</summary>
    public static string Name(this ExecutionProviderKind kind) => kind switch
    {
        ExecutionProviderKind.Cpu => "cpu",
        ExecutionProviderKind.Cuda => "cuda",
        ExecutionProviderKind.TensorRT => "tensorrt",
        ExecutionProviderKind.Auto => "auto",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown execution provider."),
    };

    /// <summary>Parses <c>cpu|cuda|tensorrt|auto</c> (case-insensitive).</summary>
    /// <exception cref="LostInputException">The name is none of them.</exception>
    public static ExecutionProviderKind Parse(string? value, string inputName = "execution_provider") => value?.Trim().ToLowerInvariant() switch
    {
        "cpu" => ExecutionProviderKind.Cpu,
        "cuda" => ExecutionProviderKind.Cuda,
        "tensorrt" or "trt" => ExecutionProviderKind.TensorRT,
        "auto" => ExecutionProviderKind.Auto,
        _ => throw new LostInputException(inputName, $"'{value}' is not one of cpu, cuda, tensorrt, auto."),
    };
}
