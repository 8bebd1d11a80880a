using System.Diagnostics;
using LostEngine.ModelImport;
using Spectre.Console;

namespace LostEngine.Cli.Progress;

/// <summary>
/// Runs a checkpoint import while showing its two stages, reading the checkpoint and writing the model, in bytes on
/// stderr: a live bar per stage on a terminal, a plain line at most every <see cref="ProgressDisplay.PlainInterval"/>
/// and at the end of each stage in a log or pipe.
/// </summary>
internal static class ImportProgressDisplay
{
    public static T Run<T>(string title, ProgressMode mode, TextWriter error, Func<IProgress<CheckpointImportProgress>?, T> work)
    {
        if (mode == ProgressMode.Quiet)
        {
            return work(null);
        }
        if (ProgressDisplay.TerminalOf(error) is not { } console)
        {
            return work(new PlainProgress(title, error));
        }
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx => result = work(new BarProgress(title, ctx)));
        return result;
    }

    private static string Stage(CheckpointImportStage stage) => stage == CheckpointImportStage.Reading ? "reading" : "writing";

    private sealed class BarProgress(string title, ProgressContext context) : IProgress<CheckpointImportProgress>
    {
        private readonly Dictionary<CheckpointImportStage, ProgressTask> _tasks = [];

        public void Report(CheckpointImportProgress value)
        {
            // A stage's size is known only once it starts: the storages after the pickle, the model after its layout.
            if (!_tasks.TryGetValue(value.Stage, out var task))
            {
                _tasks[value.Stage] = task = context.AddTask($"{title}: {Stage(value.Stage)}", maxValue: Math.Max(value.Total, 1));
            }
            task.Value = value.Done;
        }
    }

    private sealed class PlainProgress(string title, TextWriter error) : IProgress<CheckpointImportProgress>
    {
        private long _lastLine = Stopwatch.GetTimestamp();

        public void Report(CheckpointImportProgress value)
        {
            if (value.Done == value.Total || Stopwatch.GetElapsedTime(_lastLine) >= ProgressDisplay.PlainInterval)
            {
                _lastLine = Stopwatch.GetTimestamp();
                error.WriteLine($"{title}: {Stage(value.Stage)} {Megabytes.Number(value.Done)}/{Megabytes.Of(value.Total)}");
            }
        }
    }
}
