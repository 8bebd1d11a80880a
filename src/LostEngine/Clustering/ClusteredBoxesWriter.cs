using System.Text.Encodings.Web;
using System.Text.Json;
using LostEngine.Evaluation;
using LostEngine.IO;

namespace LostEngine.Clustering;

/// <summary>
/// Writes <see cref="ClusteredBoxes"/> as JSON: <c>labels</c>, <c>images</c>, <c>centres</c>, <c>inertia</c>,
/// <c>k</c>, <c>seed</c>, <c>init</c>, and <c>per_image</c>, the map cluster_for_OD.py pickles: image →
/// <c>{"pseudo_label": cluster, "predicted_bb": [x1, y1, x2, y2]}</c>, the box as the predictions held it.
/// </summary>
public static class ClusteredBoxesWriter
{
    /// <summary>The name <c>init</c> records for each initialisation, as <c>--init</c> takes it.</summary>
    public static string NameOf(ClusterInitialization initialization) => initialization switch
    {
        ClusterInitialization.Scipy => "scipy",
        _ => "kmeans++",
    };

    /// <summary>Writes the file aside and moves it into place, so a failed write leaves no half file.</summary>
    public static void Write(string path, ClusteredBoxes clustered)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(clustered);
        ClusteringResult result = clustered.Result;
        AtomicFile.Write(path, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            writer.WriteStartObject();
            writer.WriteStartArray("labels");
            foreach (int label in result.Labels)
            {
                writer.WriteNumberValue(label);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("images");
            foreach (string image in clustered.Images)
            {
                writer.WriteStringValue(image);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("centres");
            for (int c = 0; c < result.K; c++)
            {
                writer.WriteStartArray();
                foreach (double value in result.Centres.AsSpan(c * result.Dims, result.Dims))
                {
                    writer.WriteNumberValue(value);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteNumber("inertia", result.Inertia);
            writer.WriteNumber("k", result.K);
            writer.WriteNumber("seed", clustered.Seed);
            writer.WriteString("init", NameOf(clustered.Initialization));
            writer.WriteStartObject("per_image");
            for (int i = 0; i < clustered.Images.Count; i++)
            {
                writer.WriteStartObject(clustered.Images[i]);
                writer.WriteNumber("pseudo_label", result.Labels[i]);
                writer.WritePropertyName("predicted_bb");
                BoxJson.Write(writer, clustered.Boxes[i]);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }
}
