namespace LostEngine.Catalog;

/// <summary>
/// Brings a catalogue model into the cache: downloads its checkpoint (resuming an interrupted download), imports it
/// into ONNX, and writes the manifest that marks it ready, all under the model's <see cref="PullLock"/>. A model
/// already in the cache is returned as it is, without the lock, so runs that only read it never wait.
/// </summary>
internal sealed class ModelPull(CatalogSettings settings, IModelImporter importer, TimeSpan stallTimeout)
{
    private readonly ModelCache _cache = new(settings.CacheRoot);

    /// <summary>The model <paramref name="entry"/>, ready to load, pulled now if it was not in the cache.</summary>
    /// <exception cref="DownloadRefusedException">The checkpoint cannot be fetched.</exception>
    /// <exception cref="DownloadInterruptedException">The download stopped part way; the next pull resumes it.</exception>
    /// <exception cref="LostInputException">The cache cannot be written, or the checkpoint is not the model the catalogue names.</exception>
    public CachedModel Pull(CatalogEntry entry, IPullReporter reporter, CancellationToken cancellation)
    {
        var cached = _cache.Look(entry);
        if (cached.IsReady)
        {
            return cached;
        }
        using var pullLock = TakeLock(entry, reporter, cancellation);
        // Whoever held the lock before may have finished this very model.
        cached = _cache.Look(entry);
        if (cached.IsReady)
        {
            return cached;
        }
        var url = entry.Url(settings.BaseUrl);
        string checkpoint = _cache.CheckpointPath(entry);
        long checkpointBytes = cached.CheckpointBytes ?? Download(entry, url, checkpoint, reporter, cancellation);
        reporter.Importing(entry, checkpoint);
        var imported = Import(entry, url, checkpoint, cancellation);
        if (imported.Architecture != entry.Architecture)
        {
            Delete([checkpoint, .. imported.Files]);
            throw new LostInputException(entry.Name, $"the checkpoint from {url.AbsoluteUri} is a {imported.Architecture}, not the {entry.Architecture} "
                + $"the catalogue names; it was deleted (a mirror under {CatalogSettings.BaseUrlVariable} that serves another file?).");
        }
        new CacheManifest(entry.Name, url.AbsoluteUri, entry.FileName, checkpointBytes,
            [.. imported.Files.Select(file => Path.GetFileName(file))], imported.Files.Sum(file => new FileInfo(file).Length))
            .Write(Path.Combine(cached.Folder, ModelCache.ManifestFile));
        return _cache.Look(entry);
    }

    private ImportedModel Import(CatalogEntry entry, Uri url, string checkpoint, CancellationToken cancellation)
    {
        try
        {
            return importer.Import(checkpoint, _cache.ModelPath(entry), cancellation);
        }
        catch (LostInputException e)
        {
            // A file the importer refuses would be refused again by every later pull; the next one downloads it anew.
            File.Delete(checkpoint);
            throw new LostInputException(entry.Name, $"the checkpoint from {url.AbsoluteUri} cannot be imported ({e.Message}); it was deleted.", e);
        }
    }

    private long Download(CatalogEntry entry, Uri url, string checkpoint, IPullReporter reporter, CancellationToken cancellation)
    {
        using var transfer = new CheckpointDownload(stallTimeout).Start(url, checkpoint, cancellation);
        return reporter.ShowDownload(entry, url, transfer.TotalBytes, transfer.ResumedFrom, transfer.Receive);
    }

    private PullLock TakeLock(CatalogEntry entry, IPullReporter reporter, CancellationToken cancellation)
    {
        try
        {
            return PullLock.Take(_cache.LockPath(entry), () => reporter.Waiting(entry), cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException(CatalogSettings.CacheVariable, $"the model cache '{_cache.Root}' cannot be written ({e.Message}); "
                + "set it to a folder this user can write.", e);
        }
    }

    private static void Delete(IEnumerable<string> files)
    {
        foreach (string file in files)
        {
            File.Delete(file);
        }
    }
}
