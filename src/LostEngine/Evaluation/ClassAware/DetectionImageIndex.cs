using System.Globalization;
using LostEngine.Datasets;
using LostEngine.Evaluation.Detections;

namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// The images of a VOC set for detection scoring: each found by the id its image-set line gives (detectron2's
/// <c>image_id</c> for VOC), or by that id's number when the results hold integers (VOC07's <c>5</c> for
/// <c>000005</c>; the reference itself fails on integer ids).
/// </summary>
internal sealed class DetectionImageIndex
{
    private const int Ambiguous = -1;

    private readonly List<VocAnnotation> _annotations = [];
    private readonly List<int> _listings = [];
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _byNumber = [];
    private readonly string _setName;

    /// <exception cref="LostInputException">An image's annotation is missing or unreadable, or was read without its difficult objects.</exception>
    public DetectionImageIndex(GroundTruthSet truth)
    {
        _setName = truth.Name;
        var duplicates = truth.Issues.Where(issue => issue.Kind == EvaluationIssueKind.DuplicateImage)
            .GroupBy(issue => issue.Item, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        foreach (GroundTruthImage image in truth.Images)
        {
            if (image.Status == GroundTruthStatus.Unreadable)
            {
                throw new LostInputException(image.Key, $"{image.Reason}; scoring detections needs every annotation of the set, as the reference does");
            }
            VocAnnotation voc = image.Voc
                ?? throw new LostInputException(image.Key, "class-aware scoring needs VOC annotations read with their difficult objects (not --no-hard)");
            int index = _annotations.Count;
            _annotations.Add(voc);
            // The reference counts the objects of an image listed twice twice in the recall's denominator.
            _listings.Add(1 + duplicates.GetValueOrDefault(voc.Id));
            _byId[voc.Id] = index;
            if (long.TryParse(voc.Id, NumberStyles.None, CultureInfo.InvariantCulture, out long number))
            {
                _byNumber[number] = _byNumber.ContainsKey(number) ? Ambiguous : index;
            }
        }
    }

    /// <summary>The index of the image <paramref name="entry"/> of <paramref name="detections"/> names.</summary>
    /// <exception cref="LostInputException">No image of the set has that id, or a number matches two ids.</exception>
    public int Find(in DetectionEntry entry, DetectionResults detections)
    {
        int index = entry.ImageKey is { } key
            ? _byId.GetValueOrDefault(key, int.MinValue)
            : _byNumber.GetValueOrDefault(entry.ImageNumber, int.MinValue);
        return index switch
        {
            >= 0 => index,
            Ambiguous => throw detections.EntryError(entry.Index, "image_id", $"{entry.ImageText} matches two ids of {_setName}; write it as a string"),
            _ => throw detections.EntryError(entry.Index, "image_id",
                $"{entry.ImageText} is not an image of {_setName} (the reference stops on it with a KeyError)"),
        };
    }

    /// <summary>The objects of each class, image by image in set order.</summary>
    /// <exception cref="LostInputException">An object's difficult flag is unreadable, or a class has no object that is not difficult.</exception>
    public ClassGroundTruth[] GroupByClass(IReadOnlyList<string> classNames, string setName)
    {
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < classNames.Count; c++)
        {
            classIndex[classNames[c]] = c;
        }
        var objects = new List<(BoundingBox, bool)>[classNames.Count][];
        for (int c = 0; c < objects.Length; c++)
        {
            objects[c] = new List<(BoundingBox, bool)>[_annotations.Count];
            for (int i = 0; i < _annotations.Count; i++)
            {
                objects[c][i] = [];
            }
        }
        for (int i = 0; i < _annotations.Count; i++)
        {
            VocAnnotation voc = _annotations[i];
            for (int o = 0; o < voc.Objects.Count; o++)
            {
                VocObject obj = voc.Objects[o];
                bool difficult = obj.Difficult
                    ?? throw new LostInputException(voc.Path, $"object {o + 1}: <difficult> is missing or not an integer (the reference reads it with int())");
                if (obj.Name is not null && classIndex.TryGetValue(obj.Name, out int c))
                {
                    objects[c][i].Add((obj.Box, difficult));
                }
            }
        }
        var classes = new ClassGroundTruth[classNames.Count];
        for (int c = 0; c < classes.Length; c++)
        {
            classes[c] = new ClassGroundTruth(classNames[c], _annotations.Count);
            classes[c].Fill(objects[c], _listings);
            if (classes[c].Positives == 0)
            {
                throw new LostInputException(setName,
                    $"class '{classNames[c]}' has no object that is not difficult, so its recall and AP are undefined (the reference's AP is NaN and its matching fails)");
            }
        }
        return classes;
    }
}
