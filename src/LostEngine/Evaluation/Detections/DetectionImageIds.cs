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
