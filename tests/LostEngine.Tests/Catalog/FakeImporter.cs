using LostEngine.Catalog;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Catalog;

/// <summary>
/// Stands in for the checkpoint importer: records each checkpoint it is handed (its bytes, read when handed) and
/// "imports" it by copying the tiny test model, so a pulled name runs through the real pipeline. It reports the
/// architecture it is told to, to play a checkpoint that is or is not what the catalogue says.
/// </summary>
internal sealed class FakeImporter(ModelArchitecture? reports = null) : IModelImporter
{
    private readonly List<byte[]> _checkpoints = [];

    /// <summary>The bytes of every checkpoint imported, in order.</summary>
    public IReadOnlyList<byte[]> Checkpoints
    {
        get
        {
            lock (_checkpoints)
            {
                return [.. _checkpoints];
            }
        }
    }

    public ImportedModel Import(string checkpointPath, string outputOnnxPath, CancellationToken cancellation)
    {
        lock (_checkpoints)
        {
            _checkpoints.Add(File.ReadAllBytes(checkpointPath));
        }
        File.Copy(Fixtures.TinyModel, outputOnnxPath, overwrite: true);
        var entry = ModelCatalog.Entries.Single(e => Path.GetFileName(checkpointPath) == e.FileName);
        return new ImportedModel(reports ?? entry.Architecture, [outputOnnxPath]);
    }
}
