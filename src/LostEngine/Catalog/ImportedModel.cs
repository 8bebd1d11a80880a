namespace LostEngine.Catalog;

/// <summary>What an <see cref="IModelImporter"/> made of a checkpoint.</summary>
/// <param name="Architecture">The architecture inferred from the checkpoint's tensors.</param>
/// <param name="Files">Every file written, as full paths: the ONNX model first, then any external-data file, all in its folder.</param>
internal sealed record ImportedModel(ModelArchitecture Architecture, IReadOnlyList<string> Files);
