using LostEngine.Cli.Outputs;
using LostEngine.IO;

namespace LostEngine.Cli.Clustering;

/// <summary>
/// <c>--features-out F.npy</c>: the extracted features, float32 (rows, d) in the order of the rows, and their sidecar
/// <c>F.npy.json</c>, each replaced whole; and, for <c>--resume</c>, the rows an earlier run left there.
/// </summary>
internal static class FeatureOutput
{
    public const string Option = "--features-out";

    public static IEnumerable<OutputLocation> Locations(string path) =>
        [new(Option, path, OutputKind.File), new(Option, FeatureSidecar.PathOf(path), OutputKind.File)];

    /// <exception cref="OutputWriteException">A file cannot be written.</exception>
    public static void Write(string path, BoxFeatureRun.Result result, FeatureModel model)
    {
        OutputWrites.Guard(Option, path, () => NpyWriter.WriteFloat32(path, result.Values, [result.Names.Count, result.Dims]));
        string sidecar = FeatureSidecar.PathOf(path);
        OutputWrites.Guard(Option, sidecar, () => new FeatureSidecar(result.Names, result.Boxes, model, result.Dims).Write(path));
    }

    /// <summary>What an earlier run of <paramref name="model"/> wrote to <paramref name="path"/>, or null when it wrote nothing yet.</summary>
    /// <exception cref="LostInputException">The files are unreadable, or hold features of another model; the message names <c>--resume</c>.</exception>
    public static NamedFeatures? ReadEarlier(string path, FeatureModel model, int dims)
    {
        const string resume = "--resume";
        if (!File.Exists(path))
        {
            return null;
        }
        var earlier = NamedFeatures.Read(resume, path) ?? throw new LostInputException(resume,
            $"'{path}' has no sidecar '{FeatureSidecar.PathOf(path)}' saying whose rows it holds, so none can be reused; run without --resume to extract them all again.");
        if (earlier.Sidecar.Model.Sha256 != model.Sha256 || earlier.Dims != dims)
        {
            throw new LostInputException(resume, $"'{path}' holds features of {earlier.Sidecar.Model}, but --model is {model}; "
                + "resume with the model that wrote them, or run without --resume to start over.");
        }
        return earlier;
    }
}
