using LostEngine.Checkpoints;

namespace LostEngine.ModelImport;

/// <summary>How <see cref="CheckpointImport"/> reads a checkpoint and writes its model.</summary>
public sealed record CheckpointImportOptions
{
    /// <summary>Default options: the teacher of a training checkpoint, the architecture inferred, one file when it fits.</summary>
    public static CheckpointImportOptions Default { get; } = new();

    /// <summary>Which network to take and the architecture to confirm; <see cref="CheckpointOptions.Default"/> when null.</summary>
    public CheckpointOptions? Checkpoint { get; init; }

    /// <summary>Bounds on reading the untrusted file; <see cref="CheckpointLimits.Default"/> when null.</summary>
    public CheckpointLimits? Limits { get; init; }

    /// <summary>
    /// Weights in <c>MODEL.onnx.data</c> beside the model (true), inside it (false), or inside unless the model would
    /// pass ONNX's 2 GiB single-file limit (null, the default); see <see cref="OnnxWriteOptions.ExternalData"/>.
    /// </summary>
    public bool? ExternalData { get; init; }

    /// <summary>Told how far the import is, reading then writing; null for nobody.</summary>
    public IProgress<CheckpointImportProgress>? Progress { get; init; }

    /// <summary>Stops the import between storages or blocks of the write; nothing is left behind.</summary>
    public CancellationToken CancellationToken { get; init; }
}
