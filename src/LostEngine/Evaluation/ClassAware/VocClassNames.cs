namespace LostEngine.Evaluation.ClassAware;

/// <summary>The 20 Pascal VOC classes in the order of detectron2's VOC metadata (<c>thing_classes</c>), the reference's rows.</summary>
public static class VocClassNames
{
    /// <summary>aeroplane to tvmonitor.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
        "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train", "tvmonitor",
    ];
}
