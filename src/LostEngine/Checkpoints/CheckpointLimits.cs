namespace LostEngine.Checkpoints;

/// <summary>
/// Bounds on what reading one checkpoint may cost, each checked before anything of that size is allocated or read.
/// The defaults admit every released DINO and DINOv2 backbone, ViT-g/14 included (1.1 billion float32 values,
/// 4.5 GB), and the DINO and DINOv2 training checkpoints, and refuse zip bombs and absurd headers long before
/// memory runs out.
/// </summary>
public sealed record CheckpointLimits
{
    /// <summary>The defaults.</summary>
    public static CheckpointLimits Default { get; } = new();

    /// <summary>Most entries the zip archive may list (a released file has one per storage, a few hundred).</summary>
    public int MaxEntries { get; init; } = 1 << 16;

    /// <summary>Most bytes of the zip's central directory, which the archive reader holds in memory.</summary>
    public long MaxCentralDirectoryBytes { get; init; } = 16L << 20;

    /// <summary>Most bytes of <c>data.pkl</c> (a ViT-g state dict's is about 100 KB; a training checkpoint's, a few MB).</summary>
    public int MaxPickleBytes { get; init; } = 32 << 20;

    /// <summary>Most values plus marks on the unpickler's stack at once.</summary>
    public int MaxPickleStack { get; init; } = 1 << 20;

    /// <summary>Most memo slots the pickle may fill.</summary>
    public int MaxPickleMemo { get; init; } = 1 << 20;

    /// <summary>Most bytes of one storage entry (one array must hold it).</summary>
    public long MaxStorageBytes { get; init; } = Array.MaxLength;

    /// <summary>Most bytes of the storages the backbone's tensors view, all together.</summary>
    public long MaxTotalBytes { get; init; } = 8L << 30;

    /// <summary>Most float32 values the returned tensors may hold together (views of one storage count once each).</summary>
    public long MaxTensorElements { get; init; } = 2L << 30;

    /// <summary>
    /// Largest ratio of an entry's uncompressed to compressed size. <c>torch.save</c> stores entries uncompressed
    /// (ratio 1); a larger ratio is a re-compressed archive, and a ratio past this a zip bomb.
    /// </summary>
    public double MaxCompressionRatio { get; init; } = 100;
}
