using System.Text.Json;
using LostEngine.Datasets;
using LostEngine.Evaluation;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Evaluation;

namespace LostEngine.Tests.Detectors;

public class PseudoLabelsCommandTests
{
    private static string[] VocArgs(string root, string output, string format = "coco") =>
        ["pseudo-labels", "--predictions", DetectorFixtures.File("pseudo_voc/predictions.json"), "--dataset", "voc",
            "--root", root, "--format", format, "--output", output];

    [Fact]
    public void Help_shows_the_dataset_as_labelled_and_hides_no_hard_which_is_refused()
    {
        var help = CliRunner.Run("pseudo-labels", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("The dataset whose images are labelled: voc or coco.", help.Output);
        Assert.DoesNotContain("--no-hard", help.Output);
        Assert.DoesNotContain("evaluate against", help.Output);
        var noHard = CliRunner.Run("pseudo-labels", "--predictions", "p.json", "--dataset", "voc", "--root", "VOC2007", "--no-hard",
            "--format", "coco", "--output", "out.json");
        Assert.Equal(2, noHard.ExitCode);
        Assert.Equal("lost: --no-hard: does not apply to pseudo-labels: every image with a box is labelled\n", noHard.Error);
    }

    [Fact]
    public void Coco_pseudo_labels_read_back_by_the_coco_reader_are_the_predicted_boxes()
    {
        using var folder = new TempFolder();
        string root = DetectorFixtures.WriteVoc(folder, "pseudo_voc");
        string output = folder.File("instances.json");
        CliRun run = CliRunner.Run(VocArgs(root, output));
        Assert.True(run.ExitCode == 0, run.Error);

        GroundTruthSet readBack = CocoGroundTruthReader.Read(new CocoGroundTruthOptions(output, Path.Combine(root, "JPEGImages")));
        PredictionMap predictions = PredictionMapReader.Read(DetectorFixtures.File("pseudo_voc/predictions.json"));
        Assert.Equal(120, readBack.Images.Count);
        Assert.Empty(readBack.Issues);
        foreach (GroundTruthImage image in readBack.Images)
        {
            Assert.Equal(predictions.Entries[image.FileName], Assert.Single(image.Boxes));
        }

        // The same file as the ground truth of evaluate: every prediction finds its own box.
        CliRun evaluate = CliRunner.Run("evaluate", "--dataset", "coco", "--annotations", output, "--images", Path.Combine(root, "JPEGImages"),
            "--predictions", DetectorFixtures.File("pseudo_voc/predictions.json"));
        Assert.Contains("CorLoc 100.0% (120/120)", evaluate.Output);
    }

    [Fact]
    public void Coco_pseudo_labels_carry_what_pycocotools_detectron2_and_mmdetection_need()
    {
        using var folder = new TempFolder();
        string root = DetectorFixtures.WriteVoc(folder, "pseudo_voc");
        string output = folder.File("instances.json");
        CliRun run = CliRunner.Run([.. VocArgs(root, output), "--clusters", DetectorFixtures.File("pseudo_voc/clusters.json")]);
        Assert.True(run.ExitCode == 0, run.Error);

        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(output));
        JsonElement coco = document.RootElement;
        Assert.Equal(JsonValueKind.Object, coco.GetProperty("info").ValueKind);
        Assert.Equal(JsonValueKind.Array, coco.GetProperty("licenses").ValueKind);
        JsonElement firstImage = coco.GetProperty("images")[0];
        Assert.Equal(5, firstImage.GetProperty("id").GetInt64());
        Assert.Equal("000005.jpg", firstImage.GetProperty("file_name").GetString());
        using JsonDocument dataset = DetectorFixtures.Json("pseudo_voc/dataset.json");
        Assert.Equal(dataset.RootElement.GetProperty("images")[0].GetProperty("width").GetInt32(), firstImage.GetProperty("width").GetInt32());

        var annotations = coco.GetProperty("annotations").EnumerateArray().ToList();
        Assert.Equal(annotations.Count, annotations.Select(a => a.GetProperty("id").GetInt64()).Distinct().Count());
        JsonElement first = annotations[0];
        Assert.Equal("[96.0,144.0,384.0,224.0]", first.GetProperty("bbox").GetRawText());
        Assert.Equal("86016.0", first.GetProperty("area").GetRawText());
        Assert.Equal(0, first.GetProperty("iscrowd").GetInt32());

        using JsonDocument clusters = DetectorFixtures.Json("pseudo_voc/clusters.json");
        int[] labels = clusters.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetInt32()).ToArray();
        Assert.Equal(labels.Select(l => l + 1), annotations.Select(a => a.GetProperty("category_id").GetInt32()));
        var categories = coco.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 20), categories.Select(c => c.GetProperty("id").GetInt32()));
        Assert.Equal("cluster_0", categories[0].GetProperty("name").GetString());
    }

    [Fact]
    public void Class_agnostic_labels_have_the_one_category_object()
    {
        using var folder = new TempFolder();
        string root = DetectorFixtures.WriteVoc(folder, "pseudo_voc");
        string output = folder.File("instances.json");
        Assert.Equal(0, CliRunner.Run(VocArgs(root, output)).ExitCode);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(output));
        JsonElement category = Assert.Single(document.RootElement.GetProperty("categories").EnumerateArray());
        Assert.Equal(1, category.GetProperty("id").GetInt32());
        Assert.Equal("object", category.GetProperty("name").GetString());
        Assert.All(document.RootElement.GetProperty("annotations").EnumerateArray(), a => Assert.Equal(1, a.GetProperty("category_id").GetInt32()));
    }

    [Fact]
    public void An_image_with_a_box_and_no_cluster_is_refused_naming_clusters_and_the_image_and_nothing_is_written()
    {
        using var folder = new TempFolder();
        string root = DetectorFixtures.WriteVoc(folder, "pseudo_voc");
        string clusters = folder.Write("clusters.json", """{"images": ["000005.jpg"], "labels": [3]}""");
        string output = folder.File("instances.json");
        string line = CliRunner.Run([.. VocArgs(root, output), "--clusters", clusters]).AssertBadInput();
        Assert.Equal("lost: --clusters: image '000007.jpg' has a box but no cluster label; cluster the same predictions", line);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.partial"));
    }

    [Theory]
    [InlineData("""{"images": ["a.jpg"]}""", "arrays \"images\" and \"labels\"")]
    [InlineData("""{"images": ["a.jpg", "b.jpg"], "labels": [1]}""", "\"images\" has 2 entries but \"labels\" 1")]
    [InlineData("""{"images": ["a.jpg", "a.jpg"], "labels": [1, 2]}""", "images[1] 'a.jpg' appears more than once")]
    [InlineData("""{"images": ["a.jpg"], "labels": [-1]}""", "labels[0] (image 'a.jpg') must be an integer in [0, 65535], not -1")]
    [InlineData("""{"images": ["a.jpg"], "labels": [1.5]}""", "labels[0] (image 'a.jpg') must be an integer")]
    [InlineData("""{"images": [7], "labels": [1]}""", "images[0] must be a non-empty image name, not 7")]
    [InlineData("""[1, 2""", "not valid JSON")]
    public void A_malformed_clusters_file_is_refused_naming_the_option_and_the_entry(string content, string problem)
    {
        using var folder = new TempFolder();
        string root = DetectorFixtures.WriteVoc(folder, "pseudo_voc");
        string clusters = folder.Write("clusters.json", content);
        string line = CliRunner.Run([.. VocArgs(root, folder.File("out.json")), "--clusters", clusters]).AssertBadInput();
        Assert.StartsWith($"lost: --clusters: {clusters}: ", line);
        Assert.Contains(problem, line);
    }

    [Theory]
    [InlineData(null, "lost: --format: is required: coco or detectron2-lost")]
    [InlineData("yolo", "lost: --format: 'yolo' is not coco or detectron2-lost")]
    public void The_format_must_be_named(string? format, string expected)
    {
        using var folder = new TempFolder();
        string root = DetectorFixtures.WriteVoc(folder, "pseudo_voc");
        var args = VocArgs(root, folder.File("out.json")).ToList();
        int at = args.IndexOf("--format");
        args.RemoveRange(at, 2);
        if (format is not null)
        {
            args.AddRange(["--format", format]);
        }
        Assert.Equal(expected, CliRunner.Run([.. args]).AssertBadInput());
    }

    [Theory]
    [InlineData("""{"000001.jpg": [50, 20, 10, 60]}""", "coco",
        "lost: --predictions: the box [50, 20, 10, 60] of image '000001.jpg' is inverted; a box is [x1, y1, x2, y2]")]
    [InlineData("""{"000005.jpg": [0, 0, 10, 10]}""", "detectron2-lost",
        "000005.jpg' does not exist; a detector could not train on it")]
    public void An_inverted_box_or_a_missing_image_file_is_refused_as_the_reference_asserts_it(string map, string format, string ending)
    {
        using var folder = new TempFolder();
        string root = VocFixture.Create(folder);
        string predictions = folder.Write("preds.json", map);
        string line = CliRunner.Run("pseudo-labels", "--predictions", predictions, "--dataset", "voc", "--root", root,
            "--format", format, "--output", folder.File("out.json")).AssertBadInput();
        Assert.EndsWith(ending, line);
        Assert.StartsWith(map.Contains("000005") ? "lost: --root: image file '" : "lost: --predictions: ", line);
    }

    [Fact]
    public void A_size_missing_from_the_annotation_comes_from_the_image_header_or_is_refused()
    {
        using var folder = new TempFolder();
        folder.Write("VOC2007/Annotations/000001.xml", $"<annotation><filename>000001.jpg</filename>{VocFixture.Object(1, 1, 20, 20)}</annotation>");
        folder.Write("VOC2007/ImageSets/Main/trainval.txt", "000001\n");
        Directory.CreateDirectory(folder.File("VOC2007/JPEGImages"));
        File.Copy(Model.Fixtures.Tiny("object_96x80.png"), folder.File("VOC2007/JPEGImages/000001.jpg"));
        string predictions = folder.Write("preds.json", """{"000001.jpg": [0, 0, 10, 10]}""");
        string output = folder.File("out.json");
        string[] args = ["pseudo-labels", "--predictions", predictions, "--dataset", "voc", "--root", folder.File("VOC2007"),
            "--format", "coco", "--output", output];
        Assert.Equal(0, CliRunner.Run(args).ExitCode);
        using (JsonDocument document = JsonDocument.Parse(File.ReadAllText(output)))
        {
            JsonElement image = document.RootElement.GetProperty("images")[0];
            Assert.Equal((96, 80), (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()));
        }

        File.WriteAllText(folder.File("VOC2007/JPEGImages/000001.jpg"), "not an image");
        string line = CliRunner.Run(args).AssertBadInput();
        Assert.StartsWith("lost: --root: image '000001.jpg' has no size in its annotation and '", line);
    }

    [Fact]
    public void Voc_names_that_are_not_integers_are_numbered_in_order()
    {
        using var folder = new TempFolder();
        VocFixture.WriteAnnotation(folder, "VOC2007", "b_x", 50, 50, VocFixture.Object(1, 1, 50, 50));
        VocFixture.WriteAnnotation(folder, "VOC2007", "a_y", 50, 50, VocFixture.Object(1, 1, 50, 50));
        folder.Write("VOC2007/ImageSets/Main/trainval.txt", "b_x\na_y\n");
        folder.Write("VOC2007/JPEGImages/b_x.jpg", "");
        folder.Write("VOC2007/JPEGImages/a_y.jpg", "");
        string predictions = folder.Write("preds.json", """{"b_x.jpg": [0, 0, 10, 10], "a_y": [1, 1, 5, 5], "zzz.jpg": null}""");
        string output = folder.File("out.json");
        CliRun run = CliRunner.Run("pseudo-labels", "--predictions", predictions, "--dataset", "voc", "--root", folder.File("VOC2007"),
            "--format", "coco", "--output", output);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("NoNumericImageId 1", run.Output);
        Assert.Contains("UnusedPrediction 1", run.Output);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(["b_x.jpg:1", "a_y.jpg:2"], document.RootElement.GetProperty("images").EnumerateArray()
            .Select(i => $"{i.GetProperty("file_name").GetString()}:{i.GetProperty("id").GetInt64()}"));
    }
}
