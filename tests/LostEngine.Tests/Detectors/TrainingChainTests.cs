using System.Text.Json;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Clustering.Features;
using LostEngine.Tests.Runs;

namespace LostEngine.Tests.Detectors;

/// <summary>
/// The README's training chain, command after command, on one VOC set: localize, cluster from the images,
/// class-aware pseudo-labels, then the pseudo-labels played back as a perfect detector's results. The commands
/// agree on image keys, image ids and categories: each box comes back under its image with its cluster, and
/// <c>evaluate --detections</c> scores the detector exactly as <c>evaluate --predictions</c> scores the boxes.
/// </summary>
public sealed class TrainingChainTests
{
    [Fact]
    public void Localize_cluster_pseudo_labels_and_detections_agree_on_images_boxes_and_clusters()
    {
        using var data = new RunFolder(6);
        string root = EvaluateWithModelTests.MakeVoc(data, out var ids);
        string images = Path.Combine(root, "JPEGImages");
        string predictions = data.File("preds.json"), clusters = data.File("clusters.json");
        string labels = data.File("pseudo.json"), detections = data.File("detections.json");

        var localize = CliRunner.Run("localize", images, "--model", FeatureFixtures.Model, "--output", predictions, "--quiet");
        var cluster = CliRunner.Run("cluster", "--predictions", predictions, "--images", images, "--model", FeatureFixtures.Model,
            "--k", "2", "--output", clusters, "--quiet");
        var pseudo = CliRunner.Run("pseudo-labels", "--predictions", predictions, "--dataset", "voc", "--root", root,
            "--clusters", clusters, "--format", "coco", "--output", labels);
        Assert.True(localize.ExitCode == 0, localize.Error);
        Assert.True(cluster.ExitCode == 0, cluster.Error);
        Assert.True(pseudo.ExitCode == 0, pseudo.Error);

        using var map = JsonDocument.Parse(File.ReadAllText(predictions));
        using var clustered = JsonDocument.Parse(File.ReadAllText(clusters));
        using var coco = JsonDocument.Parse(File.ReadAllText(labels));
        var perImage = clustered.RootElement.GetProperty("per_image");
        var fileNames = coco.RootElement.GetProperty("images").EnumerateArray()
            .ToDictionary(image => image.GetProperty("id").GetInt64(), image => image.GetProperty("file_name").GetString()!);
        var annotations = coco.RootElement.GetProperty("annotations").EnumerateArray().ToList();
        int boxed = map.RootElement.EnumerateObject().Count(p => p.Value.ValueKind == JsonValueKind.Array);
        Assert.Equal(boxed, annotations.Count);
        Assert.Equal(boxed, fileNames.Count);
        Assert.InRange(boxed, 2, ids.Length);
        foreach (var annotation in annotations)
        {
            string name = Path.GetFileName(fileNames[annotation.GetProperty("image_id").GetInt64()]);
            var box = map.RootElement.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var xywh = annotation.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(box, new[] { xywh[0], xywh[1], xywh[0] + xywh[2], xywh[1] + xywh[3] });
            Assert.Equal(perImage.GetProperty(name).GetProperty("pseudo_label").GetInt32() + 1, annotation.GetProperty("category_id").GetInt32());
        }

        // A detector that has learned the pseudo-labels perfectly returns them, scored, under the same image ids.
        File.WriteAllText(detections, JsonSerializer.Serialize(annotations.Select(a => new
        {
            image_id = a.GetProperty("image_id").GetInt64(),
            category_id = a.GetProperty("category_id").GetInt32(),
            bbox = a.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            score = 0.9,
        })));
        var byDetections = CliRunner.Run("evaluate", "--dataset", "voc", "--root", root, "--detections", detections);
        var byPredictions = CliRunner.Run("evaluate", "--dataset", "voc", "--root", root, "--predictions", predictions);

        Assert.True(byDetections.ExitCode == 0, byDetections.Error);
        Assert.True(byPredictions.ExitCode == 0, byPredictions.Error);
        Assert.StartsWith("CorLoc ", byPredictions.Output);
        Assert.Equal(byPredictions.Output.Split('\n')[0], byDetections.Output.Split('\n')[0]);
    }
}
