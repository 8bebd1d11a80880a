using LostEngine.Catalog;

namespace LostEngine.Cli.Catalog;

/// <summary>
/// The importer of a build without the checkpoint reader and ONNX writer: it says so, and the downloaded checkpoint
/// stays in the cache for the build that has them (<see cref="ModelSources.OfProcess"/> names the importer).
/// </summary>
internal sealed class AbsentImporter : IModelImporter
{
    public ImportedModel Import(string checkpointPath, string outputOnnxPath, CancellationToken cancellation) =>
        throw new NotSupportedException($"this build of lost cannot import checkpoints into ONNX; the checkpoint is kept at '{checkpointPath}'.");
}
