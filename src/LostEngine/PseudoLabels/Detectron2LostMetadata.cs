using System.Globalization;

namespace LostEngine.PseudoLabels;

/// <summary>
/// The <c>meta_data</c> of the reference's detectron2 dataset-dicts file and how its entries name images, as each of
/// its <c>prepare_*_pseudo_boxes_in_detectron2_format.py</c> scripts fills them. The training scripts read only the
/// <c>dataset</c> list; these fields describe it.
/// </summary>
/// <param name="Voc">VOC entries (<c>image_id</c> the name without <c>.jpg</c>) or COCO ones (the name's last <c>_</c> field).</param>
/// <param name="Dirname">The dataset's folder: VOC's year folder, COCO's folder holding <c>annotations/</c> and <c>images/</c>.</param>
/// <param name="EvaluatorType"><c>pascal_voc</c> for class-agnostic boxes, <c>coco</c> for clusters, as the reference writes.</param>
/// <param name="Name">The dataset name, e.g. <c>voc_2007_trainval_LOST_CAD</c>.</param>
/// <param name="Split">The image set, e.g. <c>trainval</c>.</param>
/// <param name="Year">The year, e.g. <c>2007</c>.</param>
/// <param name="YearAsNumber">Whether the year is written as a number (VOC clusters, COCO) or as text (VOC boxes).</param>
/// <param name="ThingClasses">The class names; null writes the reference's class-agnostic <c>"object"</c> (a string, not a list).</param>
public sealed record Detectron2LostMetadata(
    bool Voc, string Dirname, string EvaluatorType, string Name, string Split, string Year, bool YearAsNumber, IReadOnlyList<string>? ThingClasses)
{
    /// <summary>The 20 VOC class names, which the reference gives its 20 clusters (detectron2's <c>voc_2007_trainval</c> thing_classes).</summary>
    public static IReadOnlyList<string> VocClasses { get; } =
    [
        "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow", "diningtable", "dog",
        "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train", "tvmonitor",
    ];

    /// <summary>
    /// As <c>prepare_voc_LOST_CAD_...</c> (no clusters) or <c>prepare_voc_LOST_OD_...</c> (clusters) fill it, the year
    /// being the digits ending the root's folder name (<c>VOC2007</c>). With clusters the classes are VOC's names when
    /// there are 20 clusters, as in the reference, and <c>cluster_c</c> otherwise, so there is one name per class.
    /// </summary>
    public static Detectron2LostMetadata ForVoc(string root, string set, int? clusterCount)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(set);
        string folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(root));
        string year = TrailingDigits(folder) is { Length: > 0 } digits ? digits : folder;
        if (clusterCount is not int count)
        {
            return new(true, root, "pascal_voc", $"voc_{year}_{set}_LOST_CAD", set, year, false, null);
        }
        return new(true, root, "coco", $"voc_{year}_{set}_LOST_OD_clu{count}", set, year, IsNumber(year),
            count == VocClasses.Count ? VocClasses : ClusterNames(count));
    }

    /// <summary>
    /// As <c>prepare_coco_LOST_CAD_...</c> fills it for COCO20k (<c>coco20k_train_LOST_CAD</c>, split and year from the
    /// images folder's name <c>train2014</c>); <c>coco_</c> instead of <c>coco20k_</c> without an image list. The
    /// reference has no clustered COCO script; with clusters the file follows its VOC one, classes named <c>cluster_c</c>.
    /// </summary>
    public static Detectron2LostMetadata ForCoco(string annotationsFile, string imagesFolder, bool imageList, int? clusterCount)
    {
        ArgumentNullException.ThrowIfNull(annotationsFile);
        ArgumentNullException.ThrowIfNull(imagesFolder);
        string annotationsFolder = Path.GetDirectoryName(Path.GetFullPath(annotationsFile)) ?? "";
        string dirname = Path.GetDirectoryName(annotationsFolder) ?? annotationsFolder;
        string folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(imagesFolder));
        string year = TrailingDigits(folder);
        string split = folder[..^year.Length];
        string prefix = (imageList ? "coco20k_" : "coco_") + split;
        return clusterCount is int count
            ? new(false, dirname, "coco", $"{prefix}_LOST_OD_clu{count}", split, year, IsNumber(year), ClusterNames(count))
            : new(false, dirname, "pascal_voc", $"{prefix}_LOST_CAD", split, year, IsNumber(year), null);
    }

    private static string TrailingDigits(string text)
    {
        int start = text.Length;
        while (start > 0 && char.IsAsciiDigit(text[start - 1]))
        {
            start--;
        }
        return text[start..];
    }

    private static bool IsNumber(string year) =>
        year.Length is > 0 and < 10 && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static string[] ClusterNames(int count) => Enumerable.Range(0, count).Select(c => $"cluster_{c}").ToArray();
}
