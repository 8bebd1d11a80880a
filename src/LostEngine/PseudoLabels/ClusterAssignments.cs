using LostEngine.Datasets;
using LostEngine.Evaluation;

namespace LostEngine.PseudoLabels;

/// <summary>The cluster of each image's box, as <c>lost cluster</c> writes them: image names with their labels.</summary>
public sealed class ClusterAssignments
{
    private readonly Dictionary<string, int> _labels;
    private Dictionary<string, List<string>>? _pathNamesByFileName;

    /// <summary>Pairs each name with its label.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, a name repeats, or a label is negative.</exception>
    public ClusterAssignments(IReadOnlyList<string> images, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.Count != labels.Count)
        {
            throw new ArgumentException($"{images.Count} images but {labels.Count} labels", nameof(labels));
        }
        _labels = new Dictionary<string, int>(images.Count, StringComparer.Ordinal);
        for (int i = 0; i < images.Count; i++)
        {
            if (labels[i] < 0)
            {
                throw new ArgumentException($"label {labels[i]} of '{images[i]}' is negative", nameof(labels));
            }
            if (!_labels.TryAdd(images[i], labels[i]))
            {
                throw new ArgumentException($"'{images[i]}' appears twice", nameof(images));
            }
            ClusterCount = Math.Max(ClusterCount, labels[i] + 1);
        }
    }

    /// <summary>How many clusters there are, the largest label plus one, as the reference counts them.</summary>
    public int ClusterCount { get; }

    /// <summary>
    /// The label of <paramref name="image"/>, found under the keys a prediction map would name it by (the file name,
    /// its stem, its id, or a path ending in the file name); null when none names it.
    /// </summary>
    public int? LabelOf(GroundTruthImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        foreach (string key in PredictionMap.CandidateKeys(image))
        {
            if (_labels.TryGetValue(key, out int label))
            {
                return label;
            }
        }
        _pathNamesByFileName ??= _labels.Keys
            .Where(name => name.Contains('/'))
            .GroupBy(name => name[(name.LastIndexOf('/') + 1)..], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        return _pathNamesByFileName.TryGetValue(image.FileName, out var names) ? _labels[names[0]] : null;
    }
}
