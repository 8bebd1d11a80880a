using LostEngine.Runs;

namespace LostEngine.Cli.Runs;

/// <summary>The lines a run ends with on stderr: what it did, and which images failed and why.</summary>
internal static class RunReport
{
    // Enough to see what went wrong; a run where thousands fail lists them all in its log or journal instead.
    private const int ListedFailures = 20;

    /// <param name="error">Where the lines go.</param>
    /// <param name="summary">What the run did.</param>
    /// <param name="skipped">Images an earlier run had finished.</param>
    /// <param name="retried">Images an earlier run had failed on, tried again.</param>
    /// <param name="predictionsPath">The map written, if any.</param>
    /// <param name="failures">The images that failed, with why.</param>
    /// <param name="record">The file that keeps every failure (the log or the journal), if any.</param>
    public static void Write(TextWriter error, RunSummary summary, int skipped, int retried, string? predictionsPath,
        IReadOnlyList<(string Image, string Reason)> failures, string? record)
    {
        string stopped = summary.Cancelled ? "stopped early; " : "";
        string done = (skipped > 0 ? $", {skipped} already done" : "") + (retried > 0 ? $", {retried} failed before and tried again" : "");
        string written = predictionsPath is null ? "" : $"; predictions in {predictionsPath}";
        error.WriteLine($"{stopped}{summary.Localized} localized, {summary.Failed} failed{done}; model busy {summary.ModelBusyFraction:P1} of {summary.WallMs / 1000:0.0} s{written}");
        WriteFailures(error, failures, record);
    }

    /// <summary>The first failures, one line each, and how many more there were.</summary>
    /// <param name="error">Where the lines go.</param>
    /// <param name="failures">The items that failed, with why.</param>
    /// <param name="record">The file that keeps every failure, if any.</param>
    public static void WriteFailures(TextWriter error, IReadOnlyList<(string Image, string Reason)> failures, string? record)
    {
        foreach (var (image, reason) in failures.Take(ListedFailures))
        {
            error.WriteLine($"failed: {image}: {reason}");
        }
        if (failures.Count > ListedFailures)
        {
            error.WriteLine($"... and {failures.Count - ListedFailures} more failed" + (record is null ? "" : $", every one in {record}"));
        }
    }
}
