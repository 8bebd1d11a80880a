namespace LostEngine.ModelImport;

/// <summary>How far a <see cref="CheckpointImport"/> is.</summary>
/// <param name="Stage">Reading the checkpoint's storages, or writing the model.</param>
/// <param name="Done">Bytes of the stage done.</param>
/// <param name="Total">Bytes the stage has to do.</param>
public readonly record struct CheckpointImportProgress(CheckpointImportStage Stage, long Done, long Total);

/// <summary>The two stages of an import.</summary>
public enum CheckpointImportStage
{
    /// <summary>Reading and converting the checkpoint's tensors to float32.</summary>
    Reading,

    /// <summary>Writing the ONNX model (and its data file).</summary>
    Writing,
}
