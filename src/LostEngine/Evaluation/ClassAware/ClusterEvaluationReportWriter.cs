using System.Text.Json;
using LostEngine.IO;

namespace LostEngine.Evaluation.ClassAware;

/// <summary>
/// Writes a <see cref="ClusterEvaluation"/> as JSON, APs in percent: the headline numbers, the class → cluster
/// matching, each class's APs, and the AP50 of every class × cluster pair the matching chose from.
/// </summary>
public static class ClusterEvaluationReportWriter
{
    /// <summary>Writes the report to <paramref name="path"/>, whole or not at all.</summary>
    public static void Write(string path, ClusterEvaluation evaluation, string setName)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(evaluation);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WriteString("set", setName);
            writer.WriteNumber("clusters", evaluation.ClusterCount);
            writer.WriteNumber("hungarian_ap50", evaluation.HungarianAp50);
            writer.WriteNumber("ap50", evaluation.Ap50);
            writer.WriteNumber("ap75", evaluation.Ap75);
            writer.WriteNumber("ap", evaluation.Ap);
            writer.WriteStartObject("class_to_cluster");
            foreach (ClassClusterScore score in evaluation.PerClass)
            {
                writer.WriteNumber(score.ClassName, score.Cluster);
            }
            writer.WriteEndObject();
            writer.WriteStartArray("per_class");
            foreach (ClassClusterScore score in evaluation.PerClass)
            {
                writer.WriteStartObject();
                writer.WriteString("class", score.ClassName);
                writer.WriteNumber("cluster", score.Cluster);
                writer.WriteNumber("ap50", score.Ap50);
                writer.WriteNumber("ap75", score.Ap75);
                writer.WriteNumber("ap", score.Ap);
                WriteNumbers(writer, "ap_by_iou", score.ApByIoU, 1);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartObject("ap50_by_cluster");
            for (int c = 0; c < evaluation.Classes.Count; c++)
            {
                WriteNumbers(writer, evaluation.Classes[c], evaluation.MatchingAp50[c], 100);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static void WriteNumbers(Utf8JsonWriter writer, string name, IReadOnlyList<double> values, double scale)
    {
        writer.WriteStartArray(name);
        foreach (double value in values)
        {
            writer.WriteNumberValue(value * scale);
        }
        writer.WriteEndArray();
    }
}
