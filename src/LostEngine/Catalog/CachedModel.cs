namespace LostEngine.Catalog;

/// <summary>What the cache holds of one catalogue model.</summary>
/// <param name="Entry">The model.</param>
/// <param name="Folder">Its folder in the cache.</param>
/// <param name="Manifest">The record of its finished pull; null until the model is ready.</param>
/// <param name="CheckpointBytes">The size of its whole checkpoint, if downloaded.</param>
/// <param name="PartialBytes">The size of a download under way or interrupted, if any.</param>
internal sealed record CachedModel(CatalogEntry Entry, string Folder, CacheManifest? Manifest, long? CheckpointBytes, long? PartialBytes)
{
    /// <summary>Whether the model can be run: imported, with every file in place.</summary>
    public bool IsReady => Manifest is not null;

    /// <summary>The ONNX model to load, once ready.</summary>
    public string ModelPath => Path.Combine(Folder, (Manifest ?? throw new InvalidOperationException($"{Entry.Name} is not in the cache.")).ModelFiles[0]);
}
