using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace LostEngine.Model;

/// <summary>
/// Reads what an <see cref="OnnxRuntimeException"/> says. ONNX Runtime reports a failed allocation with the generic
/// status codes it uses for any kernel failure (FAIL, RUNTIME_EXCEPTION, EP_FAIL), so only the message tells it apart
/// from a model that cannot run.
/// </summary>
internal static partial class OnnxRuntimeFailure
{
    // The arena's messages (CPU and CUDA), C++'s std::bad_alloc as libstdc++ and MSVC spell it, and the CUDA,
    // cuDNN and cuBLAS allocation statuses; "out of memory" also covers TensorRT's.
    private static readonly string[] OutOfMemoryMarks =
    [
        "Failed to allocate memory",
        "is smaller than requested bytes",
        "bad_alloc",
        "bad allocation",
        "out of memory",
        "cudaErrorMemoryAllocation",
        "CUDA_ERROR_OUT_OF_MEMORY",
        "CUDNN_STATUS_ALLOC_FAILED",
        "CUBLAS_STATUS_ALLOC_FAILED",
    ];

    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>Whether the failure is an allocation that could not be satisfied.</summary>
    public static bool IsOutOfMemory(OnnxRuntimeException error) => IsOutOfMemory(error.Message);

    /// <inheritdoc cref="IsOutOfMemory(OnnxRuntimeException)"/>
    public static bool IsOutOfMemory(string message) =>
        OutOfMemoryMarks.Any(mark => message.Contains(mark, StringComparison.OrdinalIgnoreCase));

    /// <summary>The size of the allocation that failed, where the message gives it.</summary>
    public static long? RequestedBytes(string message)
    {
        var match = RequestedSize().Match(message);
        return match.Success && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes)
            ? bytes
            : null;
    }

    /// <summary><paramref name="bytes"/> in binary units with at most one decimal: "1.5 KiB", "256 PiB".</summary>
    public static string Describe(long bytes)
    {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return $"{value.ToString("0.#", CultureInfo.InvariantCulture)} {Units[unit]}";
    }

    [GeneratedRegex(@"requested (?:buffer of size|bytes of) (\d+)")]
    private static partial Regex RequestedSize();
}
