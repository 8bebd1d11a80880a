using LostEngine.Checkpoints;
using LostEngine.ModelImport;

namespace LostEngine.Catalog;

/// <summary>The importer a pull runs on a downloaded checkpoint: <see cref="CheckpointImport"/>, everything inferred.</summary>
internal sealed class CheckpointImporter : IModelImporter
{
    public ImportedModel Import(string checkpointPath, string outputOnnxPath, CancellationToken cancellation)
    {
        var result = CheckpointImport.Run(checkpointPath, outputOnnxPath, new CheckpointImportOptions { CancellationToken = cancellation });
        var architecture = result.Architecture;
        var family = architecture.Family == ViTFamily.Dino ? ModelFamily.Dino : ModelFamily.DinoV2;
        return new ImportedModel(new ModelArchitecture(family, architecture.EmbedDim, architecture.PatchSize, architecture.RegisterTokens), result.Files);
    }
}
