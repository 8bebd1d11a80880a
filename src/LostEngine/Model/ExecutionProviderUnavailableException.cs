namespace LostEngine.Model;

/// <summary>
/// An execution provider that was asked for by name cannot run here (no GPU build of ONNX Runtime, no CUDA
/// libraries, no device). The engine never falls back silently; only <see cref="ExecutionProviderKind.Auto"/>
/// tries the next provider.
/// </summary>
public sealed class ExecutionProviderUnavailableException : LostInputException
{
    /// <summary>Creates the error for <paramref name="provider"/> with ONNX Runtime's own reason.</summary>
    public ExecutionProviderUnavailableException(ExecutionProviderKind provider, string reason, Exception? inner = null)
        : base("execution_provider", $"{provider.Name()} cannot be used: {reason}", inner ?? new InvalidOperationException(reason))
    {
        Provider = provider;
        Reason = reason;
    }

    /// <summary>The provider that was asked for.</summary>
    public ExecutionProviderKind Provider { get; }

    /// <summary>Why it did not load, as ONNX Runtime said it.</summary>
    public string Reason { get; }
}
