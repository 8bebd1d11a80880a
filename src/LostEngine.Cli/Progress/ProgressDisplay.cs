using System.Diagnostics;
using Spectre.Console;

namespace LostEngine.Cli.Progress;

/// <summary>
/// Runs a long job while showing images done, images per second and time left on stderr (stdout carries
/// the per-image JSON lines, so the two never mix). A terminal gets a live Spectre.Console bar; a log file
/// or pipe gets one plain line at most every <see cref="PlainInterval"/>, because a redrawn bar there is noise.
/// </summary>
internal static class ProgressDisplay
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="work"/> with a progress sink for <paramref name="total"/> images.</summary>
    public static T Run<T>(string title, int total, ProgressMode mode, TextWriter error, Func<IRunProgress, T> work)
    {
        if (mode == ProgressMode.Quiet || total == 0)
        {
            return work(NoProgress.Instance);
        }
        if (TerminalOf(error) is not { } console)
        {
            return work(new PlainProgress(title, total, error));
        }
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ImagesColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title, maxValue: total);
                result = work(new BarProgress(task));
            });
        return result;
    }

    /// <summary>A console that draws on the terminal <paramref name="error"/> is, or null when it is a file or a pipe.</summary>
    internal static IAnsiConsole? TerminalOf(TextWriter error)
    {
        // The bar is drawn on stderr, so stderr decides, not Spectre's own detection, which looks at stdout:
        // stdout is usually redirected to a file of JSON lines while a person watches the terminal.
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = InteractionSupport.Yes,
        });
        bool interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
            && console.Profile.Capabilities.Ansi;
        return interactive ? console : null;
    }

    private sealed class NoProgress : IRunProgress
    {
        public static readonly NoProgress Instance = new();

        public void ImageFinished(bool failed)
        {
        }
    }

    private sealed class BarProgress(ProgressTask task) : IRunProgress
    {
        public void ImageFinished(bool failed) => task.Increment(1);
    }

    /// <summary>Shows "done/total" and the rate the task measured.</summary>
    private sealed class ImagesColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            double rate = task.Speed ?? 0;
            return new Text($"{task.Value:0}/{task.MaxValue:0} img {rate:0.0} img/s");
        }
    }

    private sealed class PlainProgress(string title, int total, TextWriter error) : IRunProgress
    {
        private readonly long _start = Stopwatch.GetTimestamp();
        private long _lastLine = Stopwatch.GetTimestamp();
        private int _done;
        private int _failed;

        public void ImageFinished(bool failed)
        {
            _done++;
            if (failed)
            {
                _failed++;
            }
            if (_done == total || Stopwatch.GetElapsedTime(_lastLine) >= PlainInterval)
            {
                _lastLine = Stopwatch.GetTimestamp();
                var elapsed = Stopwatch.GetElapsedTime(_start);
                double rate = _done / Math.Max(elapsed.TotalSeconds, 1e-9);
                var left = TimeSpan.FromSeconds((total - _done) / Math.Max(rate, 1e-9));
                error.WriteLine($"{title}: {_done}/{total} images ({_failed} failed), {rate:0.0} img/s, {left:hh\\:mm\\:ss} left");
            }
        }
    }
}
