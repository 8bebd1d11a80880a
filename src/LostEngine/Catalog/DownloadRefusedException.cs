namespace LostEngine.Catalog;

/// <summary>
/// A checkpoint could not be fetched at all (no network, no such server, an HTTP error, an answer that cannot be
/// checked); whatever an earlier attempt kept is still there.
/// </summary>
internal sealed class DownloadRefusedException(Uri url, string reason)
    : Exception($"cannot download {url.AbsoluteUri}: {reason}")
{
    /// <summary>The address that failed.</summary>
    public Uri Url { get; } = url;

    /// <summary>Why, in the words of the system or the server.</summary>
    public string Reason { get; } = reason;
}
