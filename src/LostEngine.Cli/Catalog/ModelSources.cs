using LostEngine.Catalog;

namespace LostEngine.Cli.Catalog;

/// <summary>
/// Where the catalogue's models come from in one run of <c>lost</c>: the environment (the cache folder and the
/// download site), the importer that turns a checkpoint into ONNX, and how long a silent download is waited for.
/// Tests hand in their own; the tool uses <see cref="OfProcess"/>.
/// </summary>
internal sealed record ModelSources(Func<string, string?> Environment, IModelImporter Importer, TimeSpan StallTimeout)
{
    /// <summary>The process's environment and the importer this build has.</summary>
    public static ModelSources OfProcess() =>
        new(System.Environment.GetEnvironmentVariable, new CheckpointImporter(), CheckpointDownload.DefaultStallTimeout);

    /// <summary>The cache folder and download site the environment names.</summary>
    /// <exception cref="LostInputException">A variable holds something unusable.</exception>
    public CatalogSettings Settings() => CatalogSettings.FromEnvironment(Environment);
}
