using System.Text.Json;
using LostEngine.IO;

namespace LostEngine.PseudoLabels;

/// <summary>
/// Writes pseudo-labels as a COCO instances file that detectron2's <c>register_coco_instances</c>, pycocotools and
/// mmdetection's <c>CocoDataset</c> read as it is: <c>info</c> (pycocotools' <c>loadRes</c> copies it and fails
/// without it) and <c>licenses</c>; images with id, file name (relative to the image folder), width and height;
/// one annotation per box with a unique id (detectron2 asserts it), <c>bbox</c> <c>[x, y, w, h]</c> and <c>area</c>
/// as floats, <c>iscrowd</c> 0; categories 1 "object", or <c>c + 1</c> "cluster_c" for each cluster.
/// </summary>
public static class CocoInstancesWriter
{
    /// <summary>Writes the file whole or not at all.</summary>
    public static void Write(string path, PseudoLabelSet set)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(set);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream);
            writer.WriteStartObject();
            writer.WriteStartObject("info");
            writer.WriteString("description", $"LOST pseudo-labels of {set.SetName}");
            writer.WriteString("version", "1.0");
            writer.WriteEndObject();
            writer.WriteStartArray("licenses");
            writer.WriteEndArray();
            writer.WriteStartArray("images");
            foreach (PseudoLabel label in set.Labels)
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", label.ImageId);
                writer.WriteString("file_name", label.Image.FileName);
                writer.WriteNumber("width", label.Width);
                writer.WriteNumber("height", label.Height);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("annotations");
            for (int i = 0; i < set.Labels.Count; i++)
            {
                PseudoLabel label = set.Labels[i];
                double width = label.Box.X2 - label.Box.X1, height = label.Box.Y2 - label.Box.Y1;
                writer.WriteStartObject();
                writer.WriteNumber("id", i + 1);
                writer.WriteNumber("image_id", label.ImageId);
                writer.WriteNumber("category_id", (label.Cluster ?? 0) + 1);
                writer.WriteStartArray("bbox");
                foreach (double value in (ReadOnlySpan<double>)[label.Box.X1, label.Box.Y1, width, height])
                {
                    writer.WriteRawValue(PythonFloatText.Format(value));
                }
                writer.WriteEndArray();
                writer.WritePropertyName("area");
                writer.WriteRawValue(PythonFloatText.Format(width * height));
                writer.WriteNumber("iscrowd", 0);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("categories");
            for (int c = 0; c < (set.ClusterCount ?? 1); c++)
            {
                writer.WriteStartObject();
                writer.WriteNumber("id", c + 1);
                writer.WriteString("name", set.ClusterCount is null ? "object" : $"cluster_{c}");
                writer.WriteString("supercategory", "object");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
