namespace LostEngine.Catalog;

/// <summary>
/// A download stopped part way (the connection dropped, the server went silent, the disk filled up); the bytes that
/// arrived are kept in the <c>.partial</c> file, and the next pull resumes from there.
/// </summary>
internal sealed class DownloadInterruptedException(Uri url, string partialPath, long kept, long total, string reason, Exception? inner = null)
    : IOException($"the download of {url.AbsoluteUri} stopped at {kept} of {total} bytes ({reason}); they are kept in '{partialPath}', and the same command resumes from there.", inner)
{
    /// <summary>The bytes kept for the next attempt.</summary>
    public long Kept { get; } = kept;
}
