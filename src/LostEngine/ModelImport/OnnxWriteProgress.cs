namespace LostEngine.ModelImport;

/// <summary>How far an <see cref="OnnxModelWriter"/> write is.</summary>
/// <param name="BytesWritten">Bytes written so far, weights and graph together.</param>
/// <param name="TotalBytes">Bytes the finished files hold.</param>
public readonly record struct OnnxWriteProgress(long BytesWritten, long TotalBytes);
