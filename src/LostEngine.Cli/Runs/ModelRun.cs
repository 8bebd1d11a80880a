using System.CommandLine;
using System.Runtime.InteropServices;
using LostEngine.Cli.Progress;
using LostEngine.Evaluation;
using LostEngine.Pipeline;
using LostEngine.Runs;

namespace LostEngine.Cli.Runs;

/// <summary>
/// Runs the model over a list of images for a command: selects the shard, skips what the journal of an
/// interrupted run already holds, shows progress, turns Ctrl-C or SIGTERM into a clean stop after the image
/// in flight, and writes the prediction map (also when stopped, with every image finished so far).
/// </summary>
internal static class ModelRun
{
    /// <summary>
    /// What a run produced: every finished prediction (earlier runs included), every object of a method that finds
    /// several (MaskCut, by image key, earlier runs included), and how it went.
    /// </summary>
    public sealed record Outcome(PredictionMap Predictions, IReadOnlyDictionary<string, IReadOnlyList<BoundingBox>> Objects, RunSummary Summary, int Skipped)
    {
        public int ExitCode => Summary.Cancelled ? ExitCodes.Interrupted : ExitCodes.Success;
    }

    /// <summary>The journal kept beside a prediction file, from which <c>--resume</c> continues.</summary>
    public static string JournalPath(string predictionsPath) => predictionsPath + ".journal.jsonl";

    public static Outcome Execute(ParseResult parse, RunOptions options, LocalizerOptions localizerOptions,
        IReadOnlyList<RunImage> images, string? predictionsPath, TextWriter? lines)
    {
        var error = parse.InvocationConfiguration.Error;
        bool resume = parse.GetValue(options.Resume);
        if (resume && predictionsPath is null)
        {
            throw new LostInputException("--resume", "needs --output: the journal that a run continues from lives beside it.");
        }
        var pictures = options.VisualizationOf(parse, localizerOptions.Method);
        var shard = options.ShardOf(parse);
        var selected = shard.Count > 1 ? shard.Select(images, image => image.Key) : images;

        using var journal = OpenJournal(predictionsPath, resume);
        var predictions = new PredictionMap();
        var objects = new Dictionary<string, IReadOnlyList<BoundingBox>>(StringComparer.Ordinal);
        foreach (var (key, record) in journal?.Finished ?? new Dictionary<string, ImageResultRecord>())
        {
            if (record.Box is { } box)
            {
                predictions.Set(key, box);
            }
            if (record.Objects is { } found)
            {
                objects[key] = found;
            }
        }
        var pending = journal is null ? selected : selected.Where(image => !journal.IsFinished(image.Key)).ToList();
        using var log = OpenLog(parse.GetValue(options.Log));
        using var localizer = LocalizerOptionSet.Open(localizerOptions);
        var runner = new DatasetRunner(localizer, parse.GetValue(options.Prefetch));

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => StopGently(context, stop));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => StopGently(context, stop));
        string title = shard.Count > 1 ? $"localize (shard {shard})" : "localize";
        var summary = ProgressDisplay.Run(title, pending.Count, options.ProgressOf(parse), error, progress =>
            runner.Run(pending, new RunOutputSink(lines, log, journal, pictures, predictions, objects, progress), stop.Token));

        if (predictionsPath is not null)
        {
            PredictionMapWriter.Write(predictionsPath, predictions);
        }
        int skipped = selected.Count - pending.Count;
        error.WriteLine(Describe(summary, skipped, predictionsPath));
        return new Outcome(predictions, objects, summary, skipped);
    }

    private static void StopGently(PosixSignalContext context, CancellationTokenSource stop)
    {
        // Keep the process alive: the run stops after the image in flight and writes what it has.
        context.Cancel = true;
        stop.Cancel();
    }

    private static ResumeJournal? OpenJournal(string? predictionsPath, bool resume)
    {
        if (predictionsPath is null)
        {
            return null;
        }
        string path = JournalPath(predictionsPath);
        if (!resume && File.Exists(path))
        {
            File.Delete(path);
        }
        return ResumeJournal.Open(path);
    }

    private static StreamWriter? OpenLog(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        // A log is read while the run goes on (tail -f) and must survive a kill: every line is flushed.
        return new StreamWriter(path, append: true) { AutoFlush = true };
    }

    private static string Describe(RunSummary summary, int skipped, string? predictionsPath)
    {
        string stopped = summary.Cancelled ? "stopped early; " : "";
        string done = skipped > 0 ? $", {skipped} already done" : "";
        string written = predictionsPath is null ? "" : $"; predictions in {predictionsPath}";
        return $"{stopped}{summary.Localized} localized, {summary.Failed} failed{done}; model busy {summary.ModelBusyFraction:P1} of {summary.WallMs / 1000:0.0} s{written}";
    }
}
