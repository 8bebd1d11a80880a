namespace LostEngine.Tests.Evaluation;

/// <summary>
/// A six-image VOC-format dataset whose CorLoc is computed by hand in the tests:
/// 000001 two objects (the second truncated), 000002 one difficult object, 000003 broken XML,
/// 000004 no annotation file, 000005 a non-integer coordinate, 000006 a box wider than the image.
/// </summary>
internal static class VocFixture
{
    public static string Create(TempFolder folder)
    {
        string root = System.IO.Path.Combine(folder.Path, "VOCdevkit", "VOC2007");
        folder.Write("VOCdevkit/VOC2007/ImageSets/Main/trainval.txt", "000001\n000002\n000003\n000004\n000005\n000006\n");
        WriteAnnotation(folder, "000001", 100, 100,
            Object(11, 21, 50, 60),
            Object(61, 61, 100, 100, truncated: true));
        WriteAnnotation(folder, "000002", 100, 80, Object(1, 1, 40, 40, difficult: true));
        folder.Write("VOCdevkit/VOC2007/Annotations/000003.xml", "<annotation><filename>000003.jpg</filename><object>");
        WriteAnnotation(folder, "000005", 100, 100, "<object><name>cat</name><bndbox><xmin>abc</xmin><ymin>1</ymin><xmax>5</xmax><ymax>5</ymax></bndbox></object>");
        WriteAnnotation(folder, "000006", 100, 100, Object(1, 1, 120, 50));
        foreach (string id in new[] { "000001", "000002", "000006" })
        {
            folder.Write($"VOCdevkit/VOC2007/JPEGImages/{id}.jpg", "not decoded by the evaluation");
        }
        return root;
    }

    public static string Object(int xmin, int ymin, int xmax, int ymax, bool truncated = false, bool difficult = false) =>
        $"<object><name>thing</name><truncated>{(truncated ? 1 : 0)}</truncated><difficult>{(difficult ? 1 : 0)}</difficult>"
        + $"<bndbox><xmin>{xmin}</xmin><ymin>{ymin}</ymin><xmax>{xmax}</xmax><ymax>{ymax}</ymax></bndbox></object>";

    public static void WriteAnnotation(TempFolder folder, string id, int width, int height, params string[] objects) =>
        WriteAnnotation(folder, "VOCdevkit/VOC2007", id, width, height, objects);

    /// <summary>Writes the annotation of <paramref name="id"/> under the VOC root <paramref name="root"/> (relative to the folder).</summary>
    public static void WriteAnnotation(TempFolder folder, string root, string id, int width, int height, params string[] objects) =>
        folder.Write($"{root}/Annotations/{id}.xml",
            $"<annotation><folder>VOC2007</folder><filename>{id}.jpg</filename>"
            + $"<size><width>{width}</width><height>{height}</height><depth>3</depth></size>{string.Concat(objects)}</annotation>");

    /// <summary>000001 exact, 000002 IoU 0.5 only with the -1 offset, 000006 "no object", one key naming nothing.</summary>
    public const string Predictions = """
        {"000001.jpg": [10, 20, 50, 60], "000002": [0, 0, 20, 40], "000006.jpg": null, "999999.jpg": [0, 0, 1, 1]}
        """;
}
