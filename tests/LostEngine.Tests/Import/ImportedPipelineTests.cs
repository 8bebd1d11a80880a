using System.Text.Json;
using LostEngine.Model;
using LostEngine.Pipeline;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;
using LostEngine.Tests.Runs;

namespace LostEngine.Tests.Import;

/// <summary>
/// Imported DINO and DINOv2 models through the engine unchanged: the CLS and register rows are dropped from the
/// features by the model's <c>lostengine.prefix_tokens</c>, and LOST finds the box the official keys give.
/// </summary>
public sealed class ImportedPipelineTests
{
    private const string Registers = "dinov2-s14-reg";

    public static TheoryData<string, string> RobustCases => ImportFixtures.Cases(robustOnly: true);

    [Fact]
    public void Features_are_the_patch_rows_after_the_cls_and_register_rows()
    {
        const string image = "object_96x80";
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = ImportFixtures.ImportedModel(Registers) });
        localizer.LocalizeFile(ImportFixtures.ImagePath(Registers, image));
        var binding = localizer.LastBinding;
        var k = ImportFixtures.Official(Registers, image, "k");

        Assert.Equal(5, localizer.Model.Info.PrefixTokens);
        Assert.Equal(5, binding.PrefixTokens);
        Assert.Equal(k.Shape[0] - 5, binding.Patches);
        OutputComparison.AssertClose(k.Values.AsSpan(5 * binding.Dim), binding.Features(FeatureKind.K), "patch keys");
    }

    [Theory]
    [MemberData(nameof(RobustCases))]
    public void Lost_box_equals_the_box_of_the_official_keys(string variant, string image)
    {
        using var expected = ImportFixtures.Lost(variant, image);
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = ImportFixtures.ImportedModel(variant) });

        var result = localizer.LocalizeFile(ImportFixtures.ImagePath(variant, image));

        var lost = expected.RootElement;
        Assert.Equal(lost.GetProperty("seed").GetInt32(), result.Seed);
        Assert.Equal(lost.GetProperty("object").GetBoolean(), result.HasObject);
        if (result.HasObject)
        {
            Assert.Equal(lost.GetProperty("box").EnumerateArray().Select(e => e.GetInt32()), new[] { result.Box.X1, result.Box.Y1, result.Box.X2, result.Box.Y2 });
        }
    }

    [Fact]
    public void Lost_features_writes_the_patch_keys_of_a_registers_model()
    {
        const string image = "wide_100x75";
        string output = Path.Combine(Fixtures.TempFolder(), "k.npy");

        var run = CliRunner.Run("features", ImportFixtures.ImagePath(Registers, image), "--model", ImportFixtures.ImportedModel(Registers), "--output", output);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[6,8]", run.Json.GetProperty("grid").GetRawText());
        var written = TestNpy.Read(output);
        var k = ImportFixtures.Official(Registers, image, "k");
        Assert.Equal(new[] { k.Shape[0] - 5, k.Shape[1] }, written.Shape);
        OutputComparison.AssertClose(k.Values.AsSpan(5 * k.Shape[1]), written.Values, "lost features");
    }

    [Fact]
    public void Lost_localize_gives_the_official_keys_boxes_on_a_registers_model()
    {
        string folder = Fixtures.TempFolder();
        string[] images = ["object_96x80", "odd_37x53", "square_64x64"];
        foreach (var image in images)
        {
            File.Copy(ImportFixtures.ImagePath(Registers, image), Path.Combine(folder, image + ".png"));
        }
        string predictions = Path.Combine(folder, "preds.json");

        var run = CliRunner.Run("localize", folder, "--model", ImportFixtures.ImportedModel(Registers), "--output", predictions);

        Assert.Equal(0, run.ExitCode);
        using var map = JsonDocument.Parse(File.ReadAllText(predictions));
        foreach (var image in images)
        {
            using var expected = ImportFixtures.Lost(Registers, image);
            Assert.Equal(expected.RootElement.GetProperty("box").EnumerateArray().Select(e => e.GetInt32()),
                map.RootElement.GetProperty(image + ".png").EnumerateArray().Select(e => e.GetInt32()));
        }
    }

    [Fact]
    public void Lost_evaluate_scores_a_registers_model_run_like_its_predictions_file()
    {
        using var data = new RunFolder(4);
        string root = EvaluateWithModelTests.MakeVoc(data, out _);
        string predictions = data.File("preds.json");

        var withModel = CliRunner.Run(["evaluate", "--dataset", "voc", "--root", root, "--model", ImportFixtures.ImportedModel(Registers), "--output", predictions, "--quiet"]);
        var fromFile = CliRunner.Run(["evaluate", "--dataset", "voc", "--root", root, "--predictions", predictions]);

        Assert.Equal(0, withModel.ExitCode);
        Assert.Equal(0, fromFile.ExitCode);
        Assert.StartsWith("CorLoc ", fromFile.Output);
        Assert.Equal(fromFile.Output.Split('\n')[0], withModel.Output.Split('\n')[0]);
    }
}
