namespace LostEngine.Catalog;

/// <summary>What a pull tells the person waiting for it.</summary>
internal interface IPullReporter
{
    /// <summary>Another process is pulling <paramref name="entry"/>; this one waits for it to finish.</summary>
    void Waiting(CatalogEntry entry);

    /// <summary>
    /// Runs <paramref name="download"/> of <paramref name="url"/>, which the server answered with a file of
    /// <paramref name="totalBytes"/> bytes of which <paramref name="resumedFrom"/> are already here, while showing its
    /// progress; returns what it returns.
    /// </summary>
    long ShowDownload(CatalogEntry entry, Uri url, long totalBytes, long resumedFrom, Func<IDownloadProgress, long> download);

    /// <summary>The checkpoint is whole; importing it into ONNX starts.</summary>
    void Importing(CatalogEntry entry, string checkpointPath);
}
