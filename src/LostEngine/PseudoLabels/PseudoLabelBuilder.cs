using LostEngine.Datasets;
using LostEngine.Evaluation;
using LostEngine.Evaluation.Detections;
using LostEngine.Imaging;

namespace LostEngine.PseudoLabels;

/// <summary>
/// Turns predictions on a dataset into pseudo-labels as the reference's <c>prepare_*_pseudo_boxes_in_detectron2_format</c>
/// scripts do: every image with a predicted box, in the dataset's order, with its size from its annotation (the
/// image file's header when the annotation has none), and its cluster when clusters are given.
/// </summary>
public static class PseudoLabelBuilder
{
    /// <param name="truth">The dataset; only its images, names, ids and sizes are used, never its boxes.</param>
    /// <param name="predictions">The predicted boxes, by the keys <c>lost localize</c> writes.</param>
    /// <param name="clusters">The cluster of each box, or null for class-agnostic labels.</param>
    /// <param name="ids">How images get numeric ids: COCO's own, or VOC names read as the reference reads them.</param>
    /// <exception cref="LostInputException">
    /// A box is inverted (input <c>predictions</c>), an image with a box has no cluster (input <c>clusters</c>), its file is missing (<c>image_file</c>, where the
    /// reference's <c>assert full_img_path.is_file()</c> stops), or its size is known neither from its annotation nor
    /// from its file (<c>image_size</c>).
    /// </exception>
    public static PseudoLabelSet Build(GroundTruthSet truth, IPredictionSource predictions, ClusterAssignments? clusters, DetectionImageIds ids)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predictions);
        var labels = new List<PseudoLabel>();
        var issues = new List<EvaluationIssue>();
        int withoutBox = 0;
        foreach (GroundTruthImage image in truth.Images)
        {
            ImagePrediction prediction = predictions.PredictFor(image);
            if (prediction.Issue is not null)
            {
                issues.Add(prediction.Issue);
            }
            if (prediction.Status != PredictionStatus.Box)
            {
                withoutBox++;
                continue;
            }
            if (prediction.Box.X2 < prediction.Box.X1 || prediction.Box.Y2 < prediction.Box.Y1)
            {
                throw new LostInputException("predictions", $"the box {prediction.Box} of image '{image.FileName}' is inverted; a box is [x1, y1, x2, y2]");
            }
            int? cluster = null;
            if (clusters is not null)
            {
                cluster = clusters.LabelOf(image)
                    ?? throw new LostInputException("clusters", $"image '{image.FileName}' has a box but no cluster label; cluster the same predictions");
            }
            if (!File.Exists(image.ImagePath))
            {
                throw new LostInputException("image_file", $"image file '{image.ImagePath}' does not exist; a detector could not train on it");
            }
            var (width, height) = SizeOf(image);
            labels.Add(new PseudoLabel(image, ids.IdOf(image) ?? 0, width, height, prediction.Box, cluster));
        }
        issues.AddRange(predictions.IssuesAfter(truth));
        return new PseudoLabelSet(truth.Name, Renumbered(labels, ids, issues), clusters?.ClusterCount, withoutBox, issues);
    }

    private static (int Width, int Height) SizeOf(GroundTruthImage image)
    {
        if (image is { Width: int width, Height: int height })
        {
            return (width, height);
        }
        return ImageHeader.TryReadSize(image.ImagePath)
            ?? throw new LostInputException("image_size",
                $"image '{image.FileName}' has no size in its annotation and '{image.ImagePath}' is not a readable image");
    }

    // COCO files need one integer id per image; a VOC set whose names do not all read as distinct integers is numbered in order.
    private static List<PseudoLabel> Renumbered(List<PseudoLabel> labels, DetectionImageIds ids, List<EvaluationIssue> issues)
    {
        var seen = new HashSet<long>();
        bool usable = labels.All(label => ids.IdOf(label.Image) is long id && seen.Add(id));
        if (usable)
        {
            return labels;
        }
        issues.Add(new EvaluationIssue("image ids", EvaluationIssueKind.NoNumericImageId,
            "not every image name reads as a distinct integer; images are numbered 1, 2, ... in the set's order"));
        return labels.Select((label, i) => label with { ImageId = i + 1 }).ToList();
    }
}
