using System.Text.Json;
using LostEngine.IO;

namespace LostEngine.Evaluation;

/// <summary>One detection of a COCO results file.</summary>
/// <param name="ImageId">The COCO image id.</param>
/// <param name="Box">The box, <c>[x1, y1, x2, y2]</c>; written as COCO's <c>[x, y, w, h]</c>.</param>
/// <param name="Score">How the detection ranks against the others; COCO's AP sorts every image's detections by it.</param>
public readonly record struct CocoDetection(long ImageId, BoundingBox Box, double Score);

/// <summary>
/// Writes predictions as a COCO detection results file, the list pycocotools' <c>COCO.loadRes</c>
/// reads: <c>[{"image_id", "category_id", "bbox": [x, y, w, h], "score"}]</c>.
/// </summary>
public static class CocoResultsWriter
{
    /// <summary>Writes one detection per predicted box.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="detections">Image ids with their box; images with no object have no entry.</param>
    /// <param name="categoryId">The category given to every box: LOST finds an object, not its class.</param>
    /// <param name="score">The score given to every box: LOST gives one box per image, with no confidence.</param>
    public static void Write(string path, IEnumerable<(long ImageId, BoundingBox Box)> detections, int categoryId = 1, double score = 1.0)
    {
        ArgumentNullException.ThrowIfNull(detections);
        Write(path, detections.Select(d => new CocoDetection(d.ImageId, d.Box, score)), categoryId);
    }

    /// <summary>Writes the detections in the order given, each with its own score.</summary>
    /// <exception cref="LostInputException">A score is not a finite number.</exception>
    public static void Write(string path, IEnumerable<CocoDetection> detections, int categoryId = 1)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(detections);
        // Checked before the file is opened, so a bad score leaves no file behind.
        var all = detections.ToList();
        foreach (var detection in all)
        {
            if (!double.IsFinite(detection.Score))
            {
                throw new LostInputException("score", $"the score must be a finite number, not {detection.Score}");
            }
        }
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream);
            writer.WriteStartArray();
            foreach (var detection in all)
            {
                var box = detection.Box;
                writer.WriteStartObject();
                writer.WriteNumber("image_id", detection.ImageId);
                writer.WriteNumber("category_id", categoryId);
                writer.WriteStartArray("bbox");
                writer.WriteNumberValue(box.X1);
                writer.WriteNumberValue(box.Y1);
                writer.WriteNumberValue(box.X2 - box.X1);
                writer.WriteNumberValue(box.Y2 - box.Y1);
                writer.WriteEndArray();
                writer.WriteNumber("score", detection.Score);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }
}
