using System.Globalization;
using LostEngine.Datasets;

namespace LostEngine.Evaluation.Detections;

/// <summary>
/// A detector's results as one box per image, chosen as <c>main_corloc_evaluation.py --type_pred detectron</c>
/// chooses it: among the image's detections, in file order, the first index of
/// <c>np.argsort(-scores)</c> (<see cref="NumpyArgsort"/>). An image with no detection is a miss. Detections whose
/// id names no image of the set are ignored, as the reference never looks them up, and reported once each.
/// </summary>
public sealed class DetectionPredictions : IPredictionSource
{
    private readonly Dictionary<long, List<Detection>> _byImage = new();
    private readonly DetectionImageIds _ids;

    /// <summary>Groups <paramref name="detections"/> by image, keeping file order within each image.</summary>
    public DetectionPredictions(IEnumerable<Detection> detections, DetectionImageIds ids)
    {
        ArgumentNullException.ThrowIfNull(detections);
        _ids = ids;
        foreach (Detection detection in detections)
        {
            if (!_byImage.TryGetValue(detection.ImageId, out var list))
            {
                _byImage.Add(detection.ImageId, list = []);
            }
            list.Add(detection);
        }
    }

    /// <inheritdoc />
    public ImagePrediction PredictFor(GroundTruthImage image)
    {
        if (_ids.IdOf(image) is not long id)
        {
            return ImagePrediction.Missing with
            {
                Issue = new EvaluationIssue(image.Key, EvaluationIssueKind.NoNumericImageId,
                    $"'{image.FileName}' without its extension is not an integer, the id detections name images by; it counts as a miss"),
            };
        }
        if (!_byImage.TryGetValue(id, out var detections))
        {
            return ImagePrediction.Missing;
        }
        var negated = new double[detections.Count];
        for (int i = 0; i < negated.Length; i++)
        {
            negated[i] = -detections[i].Score;
        }
        Detection best = detections[NumpyArgsort.FirstIndex(negated)];
        return ImagePrediction.Of(best.Box) with
        {
            Convention = best.IntegerBox ? IoUConvention.DetectorIntegerBox : IoUConvention.DetectorFloatBox,
        };
    }

    /// <inheritdoc />
    public IEnumerable<EvaluationIssue> IssuesAfter(GroundTruthSet truth)
    {
        ArgumentNullException.ThrowIfNull(truth);
        var known = new HashSet<long>(truth.Images.Select(image => _ids.IdOf(image)).OfType<long>());
        return _byImage
            .Where(entry => !known.Contains(entry.Key))
            .OrderBy(entry => entry.Key)
            .Select(entry => new EvaluationIssue(entry.Key.ToString(CultureInfo.InvariantCulture), EvaluationIssueKind.UnusedPrediction,
                $"{entry.Value.Count} detections name image id {entry.Key}, no image of {truth.Name}; ignored"));
    }
}
