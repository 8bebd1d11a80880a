using System.Globalization;
using LostEngine.Datasets;

namespace LostEngine.Evaluation;

/// <summary>
/// Predictions keyed by image, the reference's saved format: image key -> <c>[x1, y1, x2, y2]</c>, or
/// null for "no object". A key may be the file name (<c>000005.jpg</c>), its stem (<c>000005</c>) or a
/// COCO image id (<c>"139"</c>), because the reference keys VOC by file name and COCO by id; or a path ending in the
/// file name (<c>val/000005.jpg</c>), as <c>lost localize</c> keys a folder with subfolders. An exact key is looked
/// for first; a path key only when no exact key names the image.
/// </summary>
public sealed class PredictionMap : IPredictionSource
{
    private readonly Dictionary<string, BoundingBox?> _entries = new(StringComparer.Ordinal);

    // The keys holding a '/', by their last segment, sorted; built on first use after a change.
    private Dictionary<string, List<string>>? _pathKeysByFileName;

    /// <summary>The predictions by key; a null value is a "no object" answer.</summary>
    public IReadOnlyDictionary<string, BoundingBox?> Entries => _entries;

    /// <summary>How many keys the map holds.</summary>
    public int Count => _entries.Count;

    /// <summary>Sets the prediction of a key, replacing any earlier one.</summary>
    public void Set(string key, BoundingBox? box)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_entries.ContainsKey(key))
        {
            _pathKeysByFileName = null;
        }
        _entries[key] = box;
    }

    /// <summary>Adds the prediction of a key unless the key is already there.</summary>
    public bool TryAdd(string key, BoundingBox? box)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_entries.TryAdd(key, box))
        {
            return false;
        }
        _pathKeysByFileName = null;
        return true;
    }

    /// <inheritdoc />
    public ImagePrediction PredictFor(GroundTruthImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (foundKey, found, issue) = FirstOf(image, CandidateKeys(image));
        if (foundKey is null)
        {
            (foundKey, found, issue) = FirstOf(image, PathKeysOf(image.FileName));
        }
        return foundKey is null ? ImagePrediction.Missing : Answer(found, issue);
    }

    /// <inheritdoc />
    public IEnumerable<EvaluationIssue> IssuesAfter(GroundTruthSet truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        var known = new HashSet<string>(truth.Images.SelectMany(CandidateKeys), StringComparer.Ordinal);
        var fileNames = new HashSet<string>(truth.Images.Select(image => image.FileName), StringComparer.Ordinal);
        return _entries.Keys
            .Where(key => !known.Contains(key) && !(key.Contains('/') && fileNames.Contains(FileNameOf(key))))
            .Order(StringComparer.Ordinal)
            .Select(key => new EvaluationIssue(key, EvaluationIssueKind.UnusedPrediction, $"names no image of {truth.Name}; ignored"));
    }

    /// <summary>The keys that may name an image, most specific first.</summary>
    public static IEnumerable<string> CandidateKeys(GroundTruthImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        yield return image.Key;
        if (image.FileName != image.Key)
        {
            yield return image.FileName;
        }
        if (image.Stem != image.Key && image.Stem != image.FileName)
        {
            yield return image.Stem;
        }
        if (image.NumericId is long id)
        {
            string idKey = id.ToString(CultureInfo.InvariantCulture);
            if (idKey != image.Key && idKey != image.Stem)
            {
                yield return idKey;
            }
        }
    }

    private (string? Key, BoundingBox? Box, EvaluationIssue? Issue) FirstOf(GroundTruthImage image, IEnumerable<string> keys)
    {
        string? foundKey = null;
        BoundingBox? found = null;
        foreach (string key in keys)
        {
            if (!_entries.TryGetValue(key, out BoundingBox? box))
            {
                continue;
            }
            if (foundKey is null)
            {
                foundKey = key;
                found = box;
            }
            else if (box != found)
            {
                return (foundKey, found, new EvaluationIssue(image.Key, EvaluationIssueKind.AmbiguousPrediction,
                    $"keys '{foundKey}' and '{key}' both name this image with different predictions; '{foundKey}' is used"));
            }
        }
        return (foundKey, found, null);
    }

    private IReadOnlyList<string> PathKeysOf(string fileName)
    {
        _pathKeysByFileName ??= _entries.Keys
            .Where(key => key.Contains('/'))
            .GroupBy(FileNameOf, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        return _pathKeysByFileName.TryGetValue(fileName, out var keys) ? keys : [];
    }

    private static string FileNameOf(string key) => key[(key.LastIndexOf('/') + 1)..];

    private static ImagePrediction Answer(BoundingBox? box, EvaluationIssue? issue) =>
        box is BoundingBox b
            ? new ImagePrediction(PredictionStatus.Box, b, issue)
            : new ImagePrediction(PredictionStatus.NoObject, default, issue);
}
