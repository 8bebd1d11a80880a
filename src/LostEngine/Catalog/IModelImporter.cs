namespace LostEngine.Catalog;

/// <summary>
/// Turns a PyTorch checkpoint into the engine's ONNX model (the contract of <c>src/export/export_dino_onnx.py</c>):
/// what <c>lost model pull</c> runs on a downloaded checkpoint, and what <c>lost model import</c> runs on a file.
/// </summary>
internal interface IModelImporter
{
    /// <summary>
    /// Reads the checkpoint at <paramref name="checkpointPath"/>, infers its architecture from its tensors, and writes
    /// the model to <paramref name="outputOnnxPath"/> (and any external-data file beside it), all or nothing: a failed
    /// import leaves no model file behind.
    /// </summary>
    /// <returns>What was found in the checkpoint and every file written.</returns>
    /// <exception cref="LostInputException">The checkpoint is malformed, unsafe, or not a DINO or DINOv2 ViT.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled; nothing is left behind.</exception>
    ImportedModel Import(string checkpointPath, string outputOnnxPath, CancellationToken cancellation);
}
