namespace LostEngine.Catalog;

/// <summary>What a download tells its progress display as the bytes arrive.</summary>
internal interface IDownloadProgress
{
    /// <summary><paramref name="bytes"/> more bytes are written.</summary>
    void Advanced(int bytes);
}
