namespace LostEngine.Catalog;

/// <summary>
/// The folders of pulled models: <c>ROOT/models/NAME/</c> holds the checkpoint under its published name (while it
/// downloads, <c>NAME.pth.partial</c> and <c>NAME.pth.partial.json</c>), the imported <c>model.onnx</c> with any
/// external-data file, <c>manifest.json</c>, written last, and <c>pull.lock</c>, held while a pull runs.
/// </summary>
internal sealed class ModelCache(string root)
{
    /// <summary>The manifest's file name in a model's folder.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>The cache folder, as a full path.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The folder of <paramref name="entry"/>'s files.</summary>
    public string FolderOf(CatalogEntry entry) => Path.Combine(Root, "models", entry.Name);

    /// <summary>Where <paramref name="entry"/>'s checkpoint is kept once whole.</summary>
    public string CheckpointPath(CatalogEntry entry) => Path.Combine(FolderOf(entry), entry.FileName);

    /// <summary>Where <paramref name="entry"/>'s ONNX model is imported to.</summary>
    public string ModelPath(CatalogEntry entry) => Path.Combine(FolderOf(entry), "model.onnx");

    /// <summary>The file a pull of <paramref name="entry"/> holds locked.</summary>
    public string LockPath(CatalogEntry entry) => Path.Combine(FolderOf(entry), "pull.lock");

    /// <summary>What the cache holds of <paramref name="entry"/>, from the files alone (no lock is taken).</summary>
    public CachedModel Look(CatalogEntry entry)
    {
        string folder = FolderOf(entry);
        var manifest = CacheManifest.Read(folder, entry.Name);
        return new CachedModel(entry, folder, manifest, SizeOf(CheckpointPath(entry)), SizeOf(CheckpointDownload.PartialPath(CheckpointPath(entry))));
    }

    private static long? SizeOf(string path) => new FileInfo(path) is { Exists: true } info ? info.Length : null;
}
