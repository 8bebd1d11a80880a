using LostEngine.Datasets;
using LostEngine.IO;

namespace LostEngine.Evaluation.Detections;

/// <summary>How the reference finds the number a detection's <c>image_id</c> is compared with.</summary>
public enum DetectionImageIds
{
    /// <summary>COCO: the image's id.</summary>
    CocoIds,

    /// <summary>
    /// VOC: Python's <c>int()</c> of the annotation's file name without its last four characters (<c>000005.jpg</c>
    /// gives 5, <c>2008_000008.jpg</c> gives 2008000008), as detectron2 keeps the id the reference's dataset files give.
    /// </summary>
    VocFileNames,
}

/// <summary>The numeric id of an image under each <see cref="DetectionImageIds"/> rule.</summary>
public static class DetectionImageIdRules
{
    /// <summary>The number the reference compares detection ids with for <paramref name="image"/>; null when it has none.</summary>
    public static long? IdOf(this DetectionImageIds ids, GroundTruthImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (ids == DetectionImageIds.CocoIds)
        {
            return image.NumericId;
        }
        string name = image.FileName;
        return PythonIntText.TryParse(name.Length > 4 ? name.AsSpan(0, name.Length - 4) : [], out long id) ? id : null;
    }
}
