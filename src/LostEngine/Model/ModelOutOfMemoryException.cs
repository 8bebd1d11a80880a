using Microsoft.ML.OnnxRuntime;

namespace LostEngine.Model;

/// <summary>
/// ONNX Runtime could not allocate what the model needs: host memory on the CPU provider, the GPU's memory on CUDA
/// and TensorRT. Neither the model nor the input is wrong, so this is not a <see cref="LostInputException"/>: the
/// session stays usable, and a smaller image may fit, since the attention of every layer grows with the square of
/// the patch count. It derives from <see cref="OutOfMemoryException"/> so that a host which already survives a
/// failed allocation per item treats it the same way.
/// </summary>
public sealed class ModelOutOfMemoryException : OutOfMemoryException
{
    /// <summary>Creates the error for the model at <paramref name="modelPath"/>.</summary>
    /// <param name="modelPath">The model that was loading or running.</param>
    /// <param name="memory">What ran out, in words ("host memory", "GPU memory (device 0)").</param>
    /// <param name="during">When, in words ("on a 5x7 patch grid", "while loading").</param>
    /// <param name="requestedBytes">The allocation that failed, when ONNX Runtime says.</param>
    /// <param name="advice">What the user can do about it.</param>
    /// <param name="inner">ONNX Runtime's error.</param>
    public ModelOutOfMemoryException(string modelPath, string memory, string during, long? requestedBytes, string advice, Exception inner)
        : base(Describe(modelPath, memory, during, requestedBytes, advice), inner)
    {
        ModelPath = modelPath;
        Memory = memory;
        RequestedBytes = requestedBytes;
    }

    /// <summary>The model that was loading or running.</summary>
    public string ModelPath { get; }

    /// <summary>What ran out: "host memory" or "GPU memory (device N)".</summary>
    public string Memory { get; }

    /// <summary>The size of the allocation that failed, when ONNX Runtime says.</summary>
    public long? RequestedBytes { get; }

    internal static ModelOutOfMemoryException Running(DinoModel model, int rows, int cols, OnnxRuntimeException error) =>
        new(model.Info.Path, MemoryOf(model.Provider, model.Options.DeviceId, error.Message), $"on a {rows}x{cols} patch grid",
            OnnxRuntimeFailure.RequestedBytes(error.Message),
            "a smaller image needs less (attention grows with the square of the patch count): downscale it, e.g. with --max-side", error);

    internal static ModelOutOfMemoryException Loading(string path, ExecutionProviderKind provider, ModelOptions options, OnnxRuntimeException error) =>
        new(path, MemoryOf(provider, options.DeviceId, error.Message), "while loading", OnnxRuntimeFailure.RequestedBytes(error.Message),
            "free memory, or load it on another execution provider (--ep)", error);

    private static string MemoryOf(ExecutionProviderKind provider, int deviceId, string message) =>
        provider == ExecutionProviderKind.Cpu || message.Contains("bad_alloc", StringComparison.Ordinal) || message.Contains("bad allocation", StringComparison.Ordinal)
            ? "host memory"
            : $"GPU memory (device {deviceId})";

    private static string Describe(string modelPath, string memory, string during, long? requestedBytes, string advice)
    {
        string asked = requestedBytes is long bytes ? $" (ONNX Runtime asked for {OnnxRuntimeFailure.Describe(bytes)})" : "";
        return $"model '{modelPath}' ran out of {memory} {during}{asked}; {advice}.";
    }
}
