namespace LostEngine.ModelImport;

/// <summary>Counts the bytes an import has written, reports them, and stops the write when it is cancelled.</summary>
internal sealed class WriteCounter(IProgress<OnnxWriteProgress>? progress, long totalBytes, CancellationToken cancellation)
{
    private long _finishedFiles;
    private long _currentFile;

    /// <summary>Counts <paramref name="bytes"/> more of the current file.</summary>
    /// <exception cref="OperationCanceledException">The write was cancelled.</exception>
    public void Add(long bytes)
    {
        cancellation.ThrowIfCancellationRequested();
        _currentFile += bytes;
        progress?.Report(new OnnxWriteProgress(_finishedFiles + _currentFile, totalBytes));
    }

    /// <summary>The current file is complete at <paramref name="fileBytes"/>.</summary>
    public void Finish(long fileBytes)
    {
        _finishedFiles += fileBytes;
        _currentFile = 0;
        progress?.Report(new OnnxWriteProgress(_finishedFiles, totalBytes));
    }
}
