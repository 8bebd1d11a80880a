using LostEngine.Catalog;
using LostEngine.Cli.Catalog;
using LostEngine.Cli.Runs;

namespace LostEngine.Cli.Clustering;

/// <summary>
/// The model box features came from, as a features sidecar records it: the catalogue name it was asked for by, or
/// the file's path, and the file's SHA-256. Only the digest decides whether two are the same model: shards run on
/// other machines name the same file by other paths.
/// </summary>
internal sealed record FeatureModel(string? Name, string? Path, string Sha256)
{
    /// <summary>The model <c>--model</c> named as <paramref name="argument"/> and <see cref="ModelArgument"/> resolved to <paramref name="file"/>.</summary>
    /// <exception cref="LostInputException">The model file cannot be read.</exception>
    public static FeatureModel Of(string argument, string file)
    {
        string sha256 = RunSettings.ModelSha256(file);
        return file != argument && ModelCatalog.Find(argument) is not null
            ? new FeatureModel(argument, null, sha256)
            : new FeatureModel(null, System.IO.Path.GetFullPath(file), sha256);
    }

    /// <summary>The model in a message: its name or path and the start of its digest.</summary>
    public override string ToString() => $"{Name ?? Path ?? "a model"} (SHA-256 {Sha256[..Math.Min(12, Sha256.Length)]}…)";
}
