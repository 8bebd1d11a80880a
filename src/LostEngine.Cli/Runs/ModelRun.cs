using System.CommandLine;
using LostEngine.Cli.Outputs;
using LostEngine.Cli.Progress;
using LostEngine.Evaluation;
using LostEngine.Pipeline;
using LostEngine.Runs;

namespace LostEngine.Cli.Runs;

/// <summary>
/// Runs the model over a list of images for a command: checks every output before the first image, selects the
/// shard, skips what the journal of an interrupted run already holds (retrying its failures), shows progress,
/// turns Ctrl-C or SIGTERM into a clean stop after the image in flight, and writes the prediction map (also when
/// stopped, or when an output fails, with every image finished so far).
/// </summary>
internal static class ModelRun
{
    /// <summary>
    /// What a run produced: every finished prediction of the run's images (earlier runs included), every object of a
    /// method that finds several (MaskCut, by image key, earlier runs included), and how it went.
    /// </summary>
    public sealed record Outcome(PredictionMap Predictions, IReadOnlyDictionary<string, IReadOnlyList<BoundingBox>> Objects, RunSummary Summary, int Skipped)
    {
        public int ExitCode => Summary.Cancelled ? ExitCodes.Interrupted
            : Summary.Failed > 0 ? ExitCodes.PartlyFailed
            : ExitCodes.Success;
    }

    /// <param name="parse">The command line.</param>
    /// <param name="options">The run options of the command.</param>
    /// <param name="localizerOptions">The localizer to run.</param>
    /// <param name="images">Every image of the run, before sharding.</param>
    /// <param name="predictionsPath">The <c>--output</c> map, beside which the journal is kept; null for none.</param>
    /// <param name="lines">Where each image's JSON line goes, if anywhere.</param>
    /// <param name="moreOutputs">The command's other outputs, checked with the run's before any work.</param>
    /// <param name="moreInputs">The command's other input files, which no output may name.</param>
    public static Outcome Execute(ParseResult parse, RunOptions options, LocalizerOptions localizerOptions,
        IReadOnlyList<RunImage> images, string? predictionsPath, TextWriter? lines,
        IReadOnlyList<OutputLocation>? moreOutputs = null, IEnumerable<string>? moreInputs = null)
    {
        var error = parse.InvocationConfiguration.Error;
        var (resume, overwrite) = options.ContinuationOf(parse, predictionsPath);
        var pictures = options.VisualizationOf(parse, localizerOptions.Method);
        var shard = options.ShardOf(parse);
        var selected = shard.Count > 1 ? shard.Select(images, image => image.Key) : images;
        string? logPath = parse.GetValue(options.Log) is { Length: > 0 } l ? l : null;
        OutputChecks.Require(
            [.. RunOutputs(predictionsPath, logPath, pictures?.Folder), .. moreOutputs ?? []],
            [.. images.Select(image => image.Path), localizerOptions.ModelPath, .. moreInputs ?? []]);

        using var journal = predictionsPath is null ? null
            : RunJournal.Open(predictionsPath, RunSettings.Of(localizerOptions), resume, overwrite, error);
        var predictions = new PredictionMap();
        var objects = new Dictionary<string, IReadOnlyList<BoundingBox>>(StringComparer.Ordinal);
        var pending = journal is null ? [.. selected] : TakeFinished(selected, journal, predictions, objects);
        int skipped = selected.Count - pending.Count;
        int retried = journal is null ? 0 : pending.Count(image => journal.Failed.ContainsKey(image.Key));

        using var log = logPath is null ? null : OutputWrites.Guard("--log", logPath, () => new RunLog(logPath));
        using var localizer = LocalizerOptionSet.Open(localizerOptions);
        var runner = new DatasetRunner(localizer, parse.GetValue(options.Prefetch));

        using var stop = new SignalStop();
        string title = shard.Count > 1 ? $"localize (shard {shard})" : "localize";
        var failures = new List<(string Image, string Reason)>();
        RunSummary summary;
        try
        {
            summary = ProgressDisplay.Run(title, pending.Count, options.ProgressOf(parse), error, progress =>
                runner.Run(pending, new RunOutputSink(lines, log, journal, pictures, predictions, objects, failures, progress), stop.Token));
        }
        catch (OutputWriteException failure)
        {
            throw KeepFinished(failure, predictionsPath, predictions, journal);
        }

        if (predictionsPath is not null)
        {
            WriteMap(predictionsPath, predictions, journal!);
        }
        RunReport.Write(error, summary, skipped, retried, predictionsPath, failures, logPath ?? journal?.FilePath);
        return new Outcome(predictions, objects, summary, skipped);
    }

    /// <summary>
    /// Puts what <paramref name="journal"/> finished of <paramref name="selected"/> into the map and objects, and
    /// returns the rest, to run. Only this run's images: an entry for an image no longer in the input is not part of
    /// its map.
    /// </summary>
    private static List<RunImage> TakeFinished(IReadOnlyList<RunImage> selected, ResumeJournal journal, PredictionMap predictions,
        Dictionary<string, IReadOnlyList<BoundingBox>> objects)
    {
        var pending = new List<RunImage>(selected.Count);
        foreach (var image in selected)
        {
            if (journal.Finished.GetValueOrDefault(image.Key) is not { } record)
            {
                pending.Add(image);
                continue;
            }
            if (record.Box is { } box)
            {
                predictions.Set(image.Key, box);
            }
            if (record.Objects is { } found)
            {
                objects[image.Key] = found;
            }
        }
        return pending;
    }

    private static void WriteMap(string predictionsPath, PredictionMap predictions, ResumeJournal journal)
    {
        try
        {
            OutputWrites.Guard("--output", predictionsPath, () => PredictionMapWriter.Write(predictionsPath, predictions));
        }
        catch (OutputWriteException failure)
        {
            throw failure.Keeping($"every finished image is in its journal '{journal.FilePath}'; make room and run again with --resume to write the map");
        }
    }

    private static IEnumerable<OutputLocation> RunOutputs(string? predictionsPath, string? logPath, string? picturesFolder)
    {
        if (predictionsPath is not null)
        {
            yield return new("--output", predictionsPath, OutputKind.File);
            yield return new("--output", RunJournal.PathBeside(predictionsPath), OutputKind.File);
        }
        if (logPath is not null)
        {
            yield return new("--log", logPath, OutputKind.File);
        }
        if (picturesFolder is not null)
        {
            yield return new("--vis-dir", picturesFolder, OutputKind.Folder);
        }
    }

    /// <summary>
    /// The error to stop on after an output failed mid-run, once the map of every image finished so far is written,
    /// if it can be: the journal keeps them either way.
    /// </summary>
    private static OutputWriteException KeepFinished(OutputWriteException failure, string? predictionsPath, PredictionMap predictions, ResumeJournal? journal)
    {
        if (predictionsPath is null || journal is null)
        {
            return failure;
        }
        try
        {
            PredictionMapWriter.Write(predictionsPath, predictions);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The map is a copy of the journal; the journal's failure is the one to report.
        }
        return failure.Keeping($"every finished image ({journal.Finished.Count}) is kept in the journal '{journal.FilePath}'; "
            + "make room and run again with --resume");
    }
}
