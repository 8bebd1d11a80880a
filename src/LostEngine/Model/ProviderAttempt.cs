namespace LostEngine.Model;

/// <summary>One provider tried while loading a model: whether it loaded and, when not, ONNX Runtime's reason.</summary>
/// <param name="Provider">The provider tried.</param>
/// <param name="Loaded">Whether the session was created with it.</param>
/// <param name="Reason">Why it did not load; empty when it did.</param>
public readonly record struct ProviderAttempt(ExecutionProviderKind Provider, bool Loaded, string Reason);
