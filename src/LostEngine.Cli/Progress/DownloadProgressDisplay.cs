using System.Diagnostics;
using LostEngine.Catalog;
using Spectre.Console;

namespace LostEngine.Cli.Progress;

/// <summary>
/// Runs a download while showing bytes done, speed and time left on stderr: a live bar on a terminal, one plain
/// line at most every <see cref="ProgressDisplay.PlainInterval"/> in a log or pipe, as runs show images.
/// </summary>
internal static class DownloadProgressDisplay
{
    /// <summary>
    /// Runs <paramref name="work"/>, the download of a file of <paramref name="totalBytes"/> of which
    /// <paramref name="resumedFrom"/> are already here, with a progress sink titled <paramref name="title"/>.
    /// </summary>
    public static T Run<T>(string title, long totalBytes, long resumedFrom, ProgressMode mode, TextWriter error, Func<IDownloadProgress, T> work)
    {
        if (mode == ProgressMode.Quiet)
        {
            return work(NoProgress.Instance);
        }
        if (ProgressDisplay.TerminalOf(error) is not { } console)
        {
            return work(new PlainProgress(title, totalBytes, resumedFrom, error));
        }
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title, maxValue: totalBytes);
                task.Value = resumedFrom;
                result = work(new BarProgress(task));
            });
        return result;
    }

    private sealed class NoProgress : IDownloadProgress
    {
        public static readonly NoProgress Instance = new();

        public void Advanced(int bytes)
        {
        }
    }

    private sealed class BarProgress(ProgressTask task) : IDownloadProgress
    {
        public void Advanced(int bytes) => task.Increment(bytes);
    }

    private sealed class PlainProgress(string title, long total, long resumedFrom, TextWriter error) : IDownloadProgress
    {
        // A stalled start would promise centuries; 99 hours say as much and fit the format.
        private const double MaxShownSeconds = 99 * 3600;
        private readonly long _start = Stopwatch.GetTimestamp();
        private long _lastLine = Stopwatch.GetTimestamp();
        private long _received;

        public void Advanced(int bytes)
        {
            _received += bytes;
            long done = resumedFrom + _received;
            if (done == total || Stopwatch.GetElapsedTime(_lastLine) >= ProgressDisplay.PlainInterval)
            {
                _lastLine = Stopwatch.GetTimestamp();
                double rate = _received / Math.Max(Stopwatch.GetElapsedTime(_start).TotalSeconds, 1e-9);
                var left = TimeSpan.FromSeconds(Math.Min((total - done) / Math.Max(rate, 1e-9), MaxShownSeconds));
                error.WriteLine($"{title}: {Megabytes.Number(done)}/{Megabytes.Number(total)} MB, {Megabytes.Number(rate)} MB/s, {(int)left.TotalHours:00}:{left:mm\\:ss} left");
            }
        }
    }
}
