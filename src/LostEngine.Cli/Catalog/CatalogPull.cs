using LostEngine.Catalog;
using LostEngine.Cli.Progress;
using LostEngine.Cli.Runs;

namespace LostEngine.Cli.Catalog;

/// <summary>
/// Runs a pull for <c>lost model pull</c> and for <c>--model NAME</c>: progress on stderr, Ctrl-C or SIGTERM stops
/// the download keeping its bytes, and a checkpoint that cannot be fetched is one line naming its address and how to
/// import a copy fetched elsewhere.
/// </summary>
internal static class CatalogPull
{
    /// <summary>The model <paramref name="entry"/>, ready to load, pulled now if the cache does not have it.</summary>
    /// <param name="sources">The environment and the importer.</param>
    /// <param name="entry">The model.</param>
    /// <param name="input">What the user typed the name as: the name itself, or the option that took it (<c>--model</c>).</param>
    /// <param name="mode">Whether to show progress.</param>
    /// <param name="error">Where progress goes.</param>
    /// <exception cref="LostInputException">The checkpoint cannot be fetched, or is not the model named, or the cache cannot be written.</exception>
    public static CachedModel Run(ModelSources sources, CatalogEntry entry, string input, ProgressMode mode, TextWriter error)
    {
        var settings = sources.Settings();
        var pull = new ModelPull(settings, sources.Importer, sources.StallTimeout);
        // The process stays alive: the download stops at the next block, with every byte so far on disk.
        using var stop = new SignalStop();
        try
        {
            return pull.Pull(entry, new Reporter(mode, error), stop.Token);
        }
        catch (DownloadRefusedException e)
        {
            throw Named(input, entry, $"cannot download {e.Url.AbsoluteUri}: {e.Reason}; fetch that file elsewhere and run "
                + "'lost model import FILE --output MODEL.onnx', then give --model MODEL.onnx "
                + $"(or set {CatalogSettings.BaseUrlVariable} to a mirror).", e);
        }
        catch (LostInputException e) when (e.InputName == entry.Name && input != entry.Name)
        {
            throw Named(input, entry, e.Problem, e);
        }
    }

    private static LostInputException Named(string input, CatalogEntry entry, string problem, Exception inner) =>
        input == entry.Name ? new(input, problem, inner) : new(input, $"{entry.Name}: {problem}", inner);

    private sealed class Reporter(ProgressMode mode, TextWriter error) : IPullReporter
    {
        public void Waiting(CatalogEntry entry) => Say($"{entry.Name}: another lost is pulling it; waiting for that pull to finish.");

        public long ShowDownload(CatalogEntry entry, Uri url, long totalBytes, long resumedFrom, Func<IDownloadProgress, long> download)
        {
            string resuming = resumedFrom > 0 ? $", resuming after {Megabytes.Of(resumedFrom)}" : "";
            Say($"{entry.Name}: downloading {url.AbsoluteUri} ({Megabytes.Of(totalBytes)}{resuming})");
            return DownloadProgressDisplay.Run(entry.Name, totalBytes, resumedFrom, mode, error, download);
        }

        public void Importing(CatalogEntry entry, string checkpointPath) => Say($"{entry.Name}: importing '{checkpointPath}' into ONNX");

        private void Say(string line)
        {
            if (mode != ProgressMode.Quiet)
            {
                error.WriteLine(line);
            }
        }
    }
}
