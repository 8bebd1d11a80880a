namespace LostEngine.ModelImport;

/// <summary>What an <see cref="OnnxModelWriter"/> write produced.</summary>
/// <param name="ModelPath">The model file.</param>
/// <param name="ExternalDataPath">The weights file beside it, or null when the weights are inside the model.</param>
/// <param name="TotalBytes">Bytes of both files together.</param>
/// <param name="TemplateName">The graph template that was filled.</param>
public sealed record OnnxWriteResult(string ModelPath, string? ExternalDataPath, long TotalBytes, string TemplateName);
