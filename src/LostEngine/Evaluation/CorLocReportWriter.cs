using System.Text.Json;
using LostEngine.IO;

namespace LostEngine.Evaluation;

/// <summary>
/// Writes a <see cref="CorLocReport"/> as JSON: the totals, every image (best IoU, counted or not, why)
/// and every issue.
/// </summary>
public static class CorLocReportWriter
{
    /// <summary>Writes the report to a file.</summary>
    public static void Write(string path, CorLocReport report)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(report);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WriteString("set", report.SetName);
            writer.WriteStartObject("totals");
            writer.WriteNumber("corloc_percent", report.CorLocPercent);
            writer.WriteNumber("correct", report.Correct);
            writer.WriteNumber("counted", report.Counted);
            writer.WriteNumber("excluded", report.Excluded);
            writer.WriteStartObject("issues");
            foreach ((EvaluationIssueKind kind, int count) in report.IssueCounts)
            {
                writer.WriteNumber(kind.ToString(), count);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();

            writer.WriteStartArray("images");
            foreach (ImageEvaluation image in report.Images)
            {
                writer.WriteStartObject();
                writer.WriteString("image", image.Image.Key);
                writer.WriteString("file_name", image.Image.FileName);
                writer.WriteString("prediction", image.Prediction.Status.ToString());
                if (image.Prediction.Status == PredictionStatus.Box)
                {
                    writer.WritePropertyName("box");
                    BoxJson.Write(writer, image.Prediction.Box);
                }
                if (image.BestIoU is double iou)
                {
                    writer.WriteNumber("best_iou", iou);
                }
                else
                {
                    writer.WriteNull("best_iou");
                }
                writer.WriteBoolean("counted", image.Counted);
                writer.WriteBoolean("correct", image.Correct);
                if (image.Reason is not null)
                {
                    writer.WriteString("reason", image.Reason);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();

            writer.WriteStartArray("issues");
            foreach (EvaluationIssue issue in report.Issues)
            {
                writer.WriteStartObject();
                writer.WriteString("item", issue.Item);
                writer.WriteString("kind", issue.Kind.ToString());
                writer.WriteString("reason", issue.Reason);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
