using LostEngine.Catalog;
using LostEngine.Cli.Progress;

namespace LostEngine.Cli.Catalog;

/// <summary>
/// What <c>--model</c> names: an ONNX file, or a model of the catalogue, whose cached ONNX file is used (pulled on
/// first use). An existing file wins, so no path that worked before changes meaning.
/// </summary>
internal static class ModelArgument
{
    /// <summary>The ONNX file to load for the <c>--model</c> value <paramref name="value"/>.</summary>
    /// <exception cref="LostInputException">A catalogue model cannot be pulled, or the value is a name the catalogue does not have.</exception>
    public static string Resolve(string value, ModelSources sources, ProgressMode mode, TextWriter error)
    {
        if (File.Exists(value))
        {
            return value;
        }
        if (ModelCatalog.Find(value) is { } entry)
        {
            return CatalogPull.Run(sources, entry, "--model", mode, error).ModelPath;
        }
        if (LooksLikeName(value))
        {
            throw new LostInputException("--model", $"'{value}' is neither a file nor a model of the catalogue "
                + $"({string.Join(", ", ModelCatalog.Entries.Select(e => e.Name))}; 'lost model list' shows them).");
        }
        // The model loader says what is wrong with a path, as it did before there was a catalogue.
        return value;
    }

    // A name has no folder and no extension; anything else is a path, reported as one.
    private static bool LooksLikeName(string value) =>
        value.Length > 0 && value.IndexOfAny(['/', '\\', '.']) < 0;
}
