using System.Globalization;
using System.Text.Json;
using LostEngine.IO;

namespace LostEngine.PseudoLabels;

/// <summary>
/// Writes the dataset-dicts JSON of the reference's <c>prepare_*_pseudo_boxes_in_detectron2_format.py</c> scripts,
/// field for field: <c>{"dataset": [{"file_name", "image_id", "height", "width", "annotations": [{"iscrowd": 0,
/// "bbox": [x1, y1, x2, y2], "category_id", "bbox_mode": 0}]}], "meta_data": {...}}</c>. The scripts read a pickle
/// but write JSON, which their training scripts load; so this is JSON too. Box numbers are written as Python writes
/// the floats the scripts make of them (<c>96.0</c>), <c>bbox_mode</c> 0 is detectron2's <c>BoxMode.XYXY_ABS</c>,
/// <c>category_id</c> is 0 for every box, or its cluster.
/// </summary>
public static class Detectron2LostWriter
{
    /// <summary>Writes the file whole or not at all.</summary>
    public static void Write(string path, PseudoLabelSet set, Detectron2LostMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(metadata);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream);
            writer.WriteStartObject();
            writer.WriteStartArray("dataset");
            foreach (PseudoLabel label in set.Labels)
            {
                writer.WriteStartObject();
                writer.WriteString("file_name", label.Image.ImagePath);
                writer.WriteString("image_id", ImageIdText(label.Image.FileName, metadata.Voc));
                writer.WriteNumber("height", label.Height);
                writer.WriteNumber("width", label.Width);
                writer.WriteStartArray("annotations");
                writer.WriteStartObject();
                writer.WriteNumber("iscrowd", 0);
                writer.WriteStartArray("bbox");
                foreach (double value in label.Box.ToArray())
                {
                    writer.WriteRawValue(PythonFloatText.Format(value));
                }
                writer.WriteEndArray();
                writer.WriteNumber("category_id", label.Cluster ?? 0);
                writer.WriteNumber("bbox_mode", 0);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            WriteMetadata(writer, metadata);
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// VOC: <c>image_name[:-len('.jpg')]</c>; COCO: <c>image_name.split('_')[-1].split('.')[0]</c>, which keeps the
    /// leading zeros of <c>COCO_train2014_000000000009.jpg</c>.
    /// </summary>
    internal static string ImageIdText(string fileName, bool voc)
    {
        if (voc)
        {
            return fileName.Length > 4 ? fileName[..^4] : "";
        }
        string last = fileName[(fileName.LastIndexOf('_') + 1)..];
        int dot = last.IndexOf('.');
        return dot < 0 ? last : last[..dot];
    }

    private static void WriteMetadata(Utf8JsonWriter writer, Detectron2LostMetadata metadata)
    {
        writer.WriteStartObject("meta_data");
        writer.WriteString("dirname", metadata.Dirname);
        writer.WriteString("evaluator_type", metadata.EvaluatorType);
        writer.WriteString("name", metadata.Name);
        writer.WriteString("split", metadata.Split);
        if (metadata.YearAsNumber)
        {
            writer.WriteNumber("year", int.Parse(metadata.Year, NumberStyles.None, CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteString("year", metadata.Year);
        }
        if (metadata.ThingClasses is null)
        {
            writer.WriteString("thing_classes", "object");
        }
        else
        {
            writer.WriteStartArray("thing_classes");
            foreach (string name in metadata.ThingClasses)
            {
                writer.WriteStringValue(name);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}
