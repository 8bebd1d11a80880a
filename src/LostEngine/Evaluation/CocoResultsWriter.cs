using System.Text.Json;

namespace LostEngine.Evaluation;

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
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(detections);
        if (!double.IsFinite(score))
        {
            throw new LostInputException(nameof(score), $"the score must be a finite number, not {score}");
        }
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream);
            writer.WriteStartArray();
            foreach ((long imageId, BoundingBox box) in detections)
            {
                writer.WriteStartObject();
                writer.WriteNumber("image_id", imageId);
                writer.WriteNumber("category_id", categoryId);
                writer.WriteStartArray("bbox");
                writer.WriteNumberValue(box.X1);
                writer.WriteNumberValue(box.Y1);
                writer.WriteNumberValue(box.X2 - box.X1);
                writer.WriteNumberValue(box.Y2 - box.Y1);
                writer.WriteEndArray();
                writer.WriteNumber("score", score);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }
}
