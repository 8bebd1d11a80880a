using System.Globalization;
using System.Security.Cryptography;
using LostEngine.Evaluation;
using LostEngine.Kernel;
using LostEngine.Pipeline;

namespace LostEngine.Cli.Runs;

/// <summary>
/// What a run's boxes depend on, by option name, for the header of its journal: <c>--resume</c> with other values
/// is refused, so one map never mixes two configurations.
/// </summary>
internal static class RunSettings
{
    /// <summary>How the model's setting starts: its value is the file's SHA-256, not its name.</summary>
    public const string ModelDigestPrefix = "sha256:";

    /// <summary>
    /// The settings of <paramref name="options"/>. Every option that changes a box belongs here, and an option added
    /// to the localizer that changes boxes must be added as well; options that change only
    /// the speed (<c>--threads</c>, <c>--ep</c>, <c>--prefetch</c>) must not be, or a run resumed on another machine
    /// would be refused for nothing.
    /// </summary>
    /// <exception cref="LostInputException">The model file cannot be read.</exception>
    public static JournalSettings Of(LocalizerOptions options)
    {
        var settings = new List<KeyValuePair<string, string>>
        {
            new("--model", ModelDigestPrefix + ModelSha256(options.ModelPath)),
            new("--method", options.Method.Name()),
        };
        if (options.Method.ReadsFeatures())
        {
            settings.Add(new("--features", options.Features.ToString().ToLowerInvariant()));
        }
        switch (options.Method)
        {
            case LocalizationMethod.Lost:
                settings.Add(new("--k", Text(options.KPatches)));
                break;
            case LocalizationMethod.TokenCut:
                settings.Add(new("--tau", Text(options.Tau ?? TokenCutParameters.DefaultTau)));
                settings.Add(new("--eps", Text(options.Eps ?? TokenCutParameters.DefaultEps)));
                break;
            case LocalizationMethod.MaskCut:
                settings.Add(new("--tau", Text(options.Tau ?? MaskCutParameters.DefaultTau)));
                settings.Add(new("--eps", Text(options.Eps ?? TokenCutParameters.DefaultEps)));
                settings.Add(new("--rounds", Text(options.Rounds ?? MaskCutParameters.DefaultRounds)));
                break;
            case LocalizationMethod.DinoSeg:
                settings.Add(new("--dinoseg-head", Text(options.DinoSegHead)));
                settings.Add(new("--dinoseg-reference-compat", options.DinoSegReferenceCompatible ? "true" : "false"));
                break;
            default:
                throw new InvalidOperationException($"No journal settings for method {options.Method}.");
        }
        // Downscaling changes what the model sees, so every box; an unset limit is recorded as none.
        settings.Add(new("--max-side", options.MaxSide is { } side ? Text(side) : "none"));
        return new JournalSettings(settings);
    }

    // Round-trip formats: two values print the same exactly when they are the same value.
    private static string Text<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    /// <summary>The model file's SHA-256: a retrained or re-exported model under the same name is another model.</summary>
    /// <exception cref="LostInputException">The file cannot be read; the message names <c>--model</c>.</exception>
    internal static string ModelSha256(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException("--model", $"'{path}' cannot be read: {IoErrorText.Of(e).TrimEnd('.')}.");
        }
    }
}
