using LostEngine.Cli.Progress;
using LostEngine.Cli.Runs;
using LostEngine.Clustering.Features;
using LostEngine.Evaluation;

namespace LostEngine.Cli.Clustering;

/// <summary>
/// <c>--images DIR</c>: the box features of the images, each read from DIR/KEY, extracted one box after another with
/// progress on stderr. Rows an earlier run wrote for the same box (<c>--resume</c>) are taken as they are. An image
/// that fails is left out with its reason; a stop request ends the run after the box in flight, keeping every row.
/// </summary>
internal static class BoxFeatureRun
{
    public const string ImagesOption = "--images";

    /// <summary>The rows the run has, in the order of the images asked for, and what became of the others.</summary>
    /// <param name="Names">The images that have a row.</param>
    /// <param name="Boxes">Their boxes.</param>
    /// <param name="Values">Their features, row-major, <paramref name="Dims"/> per row.</param>
    /// <param name="Dims">The feature width.</param>
    /// <param name="Failures">The images that failed, with why, in image order.</param>
    /// <param name="Cancelled">Whether the run stopped on request before every image was tried.</param>
    /// <param name="Reused">How many rows came from the earlier run.</param>
    public sealed record Result(IReadOnlyList<string> Names, IReadOnlyList<BoundingBox> Boxes, float[] Values, int Dims,
        IReadOnlyList<(string Image, string Reason)> Failures, bool Cancelled, int Reused)
    {
        public int ExitCode => Cancelled ? ExitCodes.Interrupted : Failures.Count > 0 ? ExitCodes.PartlyFailed : ExitCodes.Success;
    }

    /// <param name="extractor">The extractor over the model.</param>
    /// <param name="images">The images to describe, in the order of the rows.</param>
    /// <param name="folder">The <c>--images</c> folder.</param>
    /// <param name="earlier">Rows of an earlier run of the same model, reused where the box is the same; null for none.</param>
    /// <param name="title">What the progress display calls the run.</param>
    /// <param name="mode">How progress is shown.</param>
    /// <param name="error">Where progress goes.</param>
    /// <param name="stop">Stops the run between boxes.</param>
    /// <param name="afterBox">Called after each box extracted or failed, with the stop; tests stop a run at a chosen box with it.</param>
    public static Result Execute(BoxFeatureExtractor extractor, BoxedImages images, string folder, NamedFeatures? earlier,
        string title, ProgressMode mode, TextWriter error, SignalStop stop, Action<BoxFeatureProgress, SignalStop>? afterBox)
    {
        int dims = extractor.Dim;
        var rows = new float[images.Names.Count][];
        var reasons = new string?[images.Names.Count];
        int reused = Reuse(images, earlier, rows);
        var requests = new List<BoxFeatureRequest>();
        var requested = new List<int>();
        for (int i = 0; i < images.Names.Count; i++)
        {
            if (rows[i] is not null)
            {
                continue;
            }
            var (path, problem) = ImageKeyPaths.Resolve(folder, images.Names[i]);
            if (path is null)
            {
                reasons[i] = problem;
                continue;
            }
            requests.Add(new BoxFeatureRequest(path, images.Boxes[i]));
            requested.Add(i);
        }

        var set = ProgressDisplay.Run(title, requests.Count, mode, error,
            progress => extractor.ExtractAll(requests, new BoxProgress(progress, stop, afterBox), stop.Token));
        for (int r = 0; r < set.Extracted.Count; r++)
        {
            var row = new float[dims];
            for (int d = 0; d < dims; d++)
            {
                row[d] = set.Features[r, d];
            }
            rows[requested[set.Extracted[r]]] = row;
        }
        foreach (var failure in set.Failures)
        {
            reasons[requested[failure.Index]] = failure.Message;
        }
        return Collect(images, rows, reasons, dims, set.Cancelled, reused);
    }

    /// <summary>Puts the earlier run's row of each image whose box is unchanged into <paramref name="rows"/>; returns how many.</summary>
    private static int Reuse(BoxedImages images, NamedFeatures? earlier, float[][] rows)
    {
        if (earlier is null)
        {
            return 0;
        }
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < earlier.Sidecar.Images.Count; r++)
        {
            at.TryAdd(earlier.Sidecar.Images[r], r);
        }
        int reused = 0;
        for (int i = 0; i < images.Names.Count; i++)
        {
            if (at.TryGetValue(images.Names[i], out int r) && earlier.Sidecar.Boxes[r] == images.Boxes[i])
            {
                rows[i] = Array.ConvertAll(earlier.Row(r).ToArray(), v => (float)v);
                reused++;
            }
        }
        return reused;
    }

    private static Result Collect(BoxedImages images, float[][] rows, string?[] reasons, int dims, bool cancelled, int reused)
    {
        var names = new List<string>();
        var boxes = new List<BoundingBox>();
        var values = new List<float>();
        var failures = new List<(string, string)>();
        for (int i = 0; i < images.Names.Count; i++)
        {
            if (rows[i] is { } row)
            {
                names.Add(images.Names[i]);
                boxes.Add(images.Boxes[i]);
                values.AddRange(row);
            }
            else if (reasons[i] is { } reason)
            {
                failures.Add((images.Names[i], reason));
            }
        }
        return new Result(names, boxes, [.. values], dims, failures, cancelled, reused);
    }

    /// <summary>Tells the display whether each box failed, and the caller's hook that it is done.</summary>
    private sealed class BoxProgress(IRunProgress display, SignalStop stop, Action<BoxFeatureProgress, SignalStop>? afterBox) : IProgress<BoxFeatureProgress>
    {
        private int _failed;

        public void Report(BoxFeatureProgress value)
        {
            display.ImageFinished(value.Failed > _failed);
            _failed = value.Failed;
            afterBox?.Invoke(value, stop);
        }
    }
}
