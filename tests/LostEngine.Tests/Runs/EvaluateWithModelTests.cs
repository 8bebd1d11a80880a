using System.Text.Json;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Runs;

/// <summary><c>lost evaluate --model</c> runs the model over a VOC-format set and scores what it found.</summary>
public sealed class EvaluateWithModelTests
{
    internal static string MakeVoc(RunFolder data, out string[] ids)
    {
        string root = Path.Combine(data.Path, "VOCdevkit", "VOC2007");
        var images = Directory.GetFiles(data.Images).Order(StringComparer.Ordinal).ToArray();
        ids = images.Select((_, i) => $"{i + 1:D6}").ToArray();
        Directory.CreateDirectory(Path.Combine(root, "ImageSets", "Main"));
        Directory.CreateDirectory(Path.Combine(root, "Annotations"));
        Directory.CreateDirectory(Path.Combine(root, "JPEGImages"));
        File.WriteAllLines(Path.Combine(root, "ImageSets", "Main", "trainval.txt"), ids);
        for (int i = 0; i < images.Length; i++)
        {
            // The decoder reads the content, not the extension: PNG bytes under VOC's .jpg names.
            File.Copy(images[i], Path.Combine(root, "JPEGImages", ids[i] + ".jpg"));
            // Ground truth: the whole image for even ids (any box of at least half the image counts), a far corner for odd.
            string box = i % 2 == 0 ? "<xmin>1</xmin><ymin>1</ymin><xmax>16</xmax><ymax>16</ymax>" : "<xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax>";
            File.WriteAllText(Path.Combine(root, "Annotations", ids[i] + ".xml"),
                $"<annotation><filename>{ids[i]}.jpg</filename><size><width>16</width><height>16</height><depth>3</depth></size>"
                + $"<object><name>thing</name><truncated>0</truncated><difficult>0</difficult><bndbox>{box}</bndbox></object></annotation>");
        }
        return root;
    }

    [Fact]
    public void Model_run_predictions_are_scored_like_a_predictions_file()
    {
        using var data = new RunFolder(6);
        string root = MakeVoc(data, out var ids);
        string predictions = data.File("preds.json");

        var withModel = CliRunner.Run(["evaluate", "--dataset", "voc", "--root", root, "--model", Fixtures.TinyModel, "--output", predictions, "--quiet"]);
        var fromFile = CliRunner.Run(["evaluate", "--dataset", "voc", "--root", root, "--predictions", predictions]);

        Assert.Equal(0, withModel.ExitCode);
        Assert.Equal(0, fromFile.ExitCode);
        string corloc = fromFile.Output.Split('\n')[0];
        Assert.StartsWith("CorLoc ", corloc);
        Assert.Equal(corloc, withModel.Output.Split('\n')[0]);
        using var map = JsonDocument.Parse(File.ReadAllText(predictions));
        Assert.Equal(ids.Select(id => id + ".jpg"), map.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_shard_is_not_scored_alone()
    {
        using var data = new RunFolder(4);
        string root = MakeVoc(data, out _);
        var run = CliRunner.Run(["evaluate", "--dataset", "voc", "--root", root, "--model", Fixtures.TinyModel, "--output", data.File("p0.json"), "--shard", "0/2", "--quiet"]);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("CorLoc", run.Output);
        Assert.Contains("lost merge", run.Output);
    }

    [Fact]
    public void Predictions_and_model_together_are_bad_input()
    {
        using var data = new RunFolder(1);
        string root = MakeVoc(data, out _);
        var run = CliRunner.Run(["evaluate", "--dataset", "voc", "--root", root, "--model", Fixtures.TinyModel, "--predictions", data.File("x.json")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--predictions", run.Error);
    }
}
