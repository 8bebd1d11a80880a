using LostEngine.Evaluation;

namespace LostEngine.Cli.Runs;

/// <summary>
/// Opens the journal beside <c>--output</c> under the rules that keep finished work: a run never starts over earlier
/// results unless told to (<c>--overwrite</c>), continues them only with the same settings (<c>--resume</c>), and
/// never shares its journal with another run on the same output.
/// </summary>
internal static class RunJournal
{
    private const string ModelDigestPrefix = RunSettings.ModelDigestPrefix;

    /// <summary>The journal kept beside a prediction file, from which <c>--resume</c> continues.</summary>
    public static string PathBeside(string predictionsPath) => predictionsPath + ".journal.jsonl";

    /// <summary>
    /// The journal of <paramref name="predictionsPath"/>, locked for this run and holding the results to keep: the
    /// earlier run's when resuming one with the same settings, none otherwise (a new journal headed by
    /// <paramref name="settings"/>).
    /// </summary>
    /// <exception cref="LostInputException">Another run holds the journal, or finished work would be lost or mixed with other settings.</exception>
    public static ResumeJournal Open(string predictionsPath, JournalSettings settings, bool resume, bool overwrite, TextWriter error)
    {
        string path = PathBeside(predictionsPath);
        if (!overwrite && HasContent(predictionsPath) && !HasContent(path))
        {
            throw new LostInputException("--output", $"'{predictionsPath}' exists with no journal of the run that wrote it, so it cannot be resumed; --overwrite replaces it.");
        }
        ResumeJournal journal = Lock(predictionsPath, path);
        try
        {
            if (overwrite || journal.Finished.Count == 0)
            {
                journal.Restart(settings);
            }
            else if (!resume)
            {
                throw new LostInputException("--output", $"its journal '{path}' holds {journal.Finished.Count} finished images of an earlier run; "
                    + "add --resume to continue that run, or --overwrite to start over.");
            }
            else if (journal.Settings is null)
            {
                error.WriteLine($"lost: the journal '{path}' has no record of the options it was written with (an older lost); "
                    + "resuming it on the understanding that they were this run's.");
            }
            else if (journal.Settings.DifferingNames(settings) is { Count: > 0 } differing)
            {
                string changes = string.Join(", ", differing.Select(name => $"{name} {Show(journal.Settings.ValueOf(name))} (now {Show(settings.ValueOf(name))})"));
                throw new LostInputException("--resume", $"the journal '{path}' was written with other options: {changes}; "
                    + "resume with the journal's options, or start over with --overwrite.");
            }
            return journal;
        }
        catch
        {
            journal.Dispose();
            throw;
        }
    }

    private static ResumeJournal Lock(string predictionsPath, string path)
    {
        try
        {
            return ResumeJournal.Open(path);
        }
        catch (JournalInUseException)
        {
            throw new LostInputException("--output", $"another run is writing to '{predictionsPath}' (its journal '{path}' is locked); "
                + "wait for it to end, or give this run another --output.");
        }
        catch (LostInputException e) when (e.InputName == path)
        {
            throw new LostInputException("--output", $"its journal '{path}': {e.Problem}", e);
        }
    }

    private static bool HasContent(string path) => new FileInfo(path) is { Exists: true, Length: > 0 };

    private static string Show(string? value) => value switch
    {
        null => "unset",
        // A whole digest is noise in a one-line message; its start tells two models apart.
        _ when value.StartsWith(ModelDigestPrefix, StringComparison.Ordinal) => $"SHA-256 {value[ModelDigestPrefix.Length..Math.Min(value.Length, ModelDigestPrefix.Length + 12)]}…",
        _ => value,
    };
}
