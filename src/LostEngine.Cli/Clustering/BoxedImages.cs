using LostEngine.Evaluation;

namespace LostEngine.Cli.Clustering;

/// <summary>
/// The images to cluster: the keys of a predictions map that have a box, in Python's sorted order (the rows of
/// cluster_for_OD.py). An image whose prediction is "no object" has no box to take features from, so it is left out.
/// </summary>
internal sealed record BoxedImages(IReadOnlyList<string> Names, IReadOnlyList<BoundingBox> Boxes)
{
    public const string Option = "--predictions";

    /// <exception cref="LostInputException">The map cannot be read, or holds no box; the message names <c>--predictions</c>.</exception>
    public static BoxedImages Read(string path)
    {
        PredictionMap map;
        try
        {
            map = PredictionMapReader.Read(path);
        }
        catch (LostInputException e)
        {
            throw new LostInputException(Option, $"'{path}': {e.Problem}", e);
        }
        var boxed = map.Entries
            .Where(entry => entry.Value is not null)
            .OrderBy(entry => entry.Key, PythonStringOrder.Instance)
            .ToArray();
        if (boxed.Length == 0)
        {
            throw new LostInputException(Option, $"'{path}' holds no image with a box ({map.Count} entries), so there is nothing to cluster.");
        }
        return new BoxedImages(boxed.Select(e => e.Key).ToArray(), boxed.Select(e => e.Value!.Value).ToArray());
    }
}
