using LostEngine.Checkpoints;

namespace LostEngine.ModelImport;

/// <summary>What <see cref="CheckpointImport.Run"/> made of a checkpoint.</summary>
/// <param name="Architecture">The architecture the checkpoint's tensors show.</param>
/// <param name="Written">The files written and the graph template filled.</param>
/// <param name="ReadTime">Time spent reading the checkpoint.</param>
/// <param name="WriteTime">Time spent writing the model.</param>
public sealed record CheckpointImportResult(ViTArchitecture Architecture, OnnxWriteResult Written, TimeSpan ReadTime, TimeSpan WriteTime)
{
    /// <summary>Every file written: the model, then its data file if any.</summary>
    public IReadOnlyList<string> Files => Written.ExternalDataPath is { } data ? [Written.ModelPath, data] : [Written.ModelPath];
}
