using System.Text.Json;
using LostEngine.Tests.Cli;

namespace LostEngine.Tests.Detectors;

/// <summary>
/// <c>lost pseudo-labels --format detectron2-lost</c> against what the reference's prepare_voc_LOST_CAD, prepare_voc_LOST_OD
/// and prepare_coco_LOST_CAD scripts wrote from the same boxes (LOST's own VOC07 boxes for VOC) on the same datasets.
/// </summary>
public class PseudoLabelsReferenceTests
{
    [Theory]
    [InlineData(false, "expected_cad.json")]
    [InlineData(true, "expected_od.json")]
    public void Voc_dataset_dicts_are_the_reference_scripts_field_for_field(bool clusters, string expectedFile)
    {
        using var folder = new TempFolder();
        string root = DetectorFixtures.WriteVoc(folder, "pseudo_voc");
        string output = folder.File("out/dicts.json");
        string[] args = ["pseudo-labels", "--predictions", DetectorFixtures.File("pseudo_voc/predictions.json"), "--dataset", "voc",
            "--root", root, "--format", "detectron2-lost", "--output", output];
        CliRun run = CliRunner.Run(clusters ? [.. args, "--clusters", DetectorFixtures.File("pseudo_voc/clusters.json")] : args);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Pseudo-labels: 120 boxes", run.Output);
        AssertSameAsReference($"pseudo_voc/{expectedFile}", root, output);
    }

    [Fact]
    public void Coco20k_dataset_dicts_are_the_reference_scripts_field_for_field()
    {
        using var folder = new TempFolder();
        (string annotations, string images) = DetectorFixtures.WriteCoco(folder, "pseudo_coco");
        string list = folder.Write("coco_20k_filenames.txt",
            string.Concat(Directory.GetFiles(images).Order(StringComparer.Ordinal).Select(f => "train2014/" + Path.GetFileName(f) + "\n")));
        string output = folder.File("dicts.json");
        CliRun run = CliRunner.Run("pseudo-labels", "--predictions", DetectorFixtures.File("pseudo_coco/predictions.json"),
            "--dataset", "coco", "--annotations", annotations, "--images", images, "--image-list", list,
            "--format", "detectron2-lost", "--output", output);

        Assert.True(run.ExitCode == 0, run.Error);
        AssertSameAsReference("pseudo_coco/expected_cad.json", folder.File("COCO"), output);
    }

    private static void AssertSameAsReference(string expectedFile, string root, string output)
    {
        string expectedText = File.ReadAllText(DetectorFixtures.File(expectedFile)).Replace("{ROOT}", root.Replace("\\", "\\\\"));
        using JsonDocument expected = JsonDocument.Parse(expectedText);
        using JsonDocument actual = JsonDocument.Parse(File.ReadAllText(output));
        JsonShape.AssertSame(expected.RootElement, actual.RootElement);
    }
}
