using System.Text.Json;
using LostEngine.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Cli;

/// <summary><c>lost localize</c> and <c>lost features</c> end to end on the tiny fixtures.</summary>
public sealed class LocalizeCommandTests
{
    [Fact]
    public void Localize_prints_one_line_per_image_writes_predictions_and_goes_on_after_a_bad_image()
    {
        string folder = Fixtures.TempFolder();
        File.Copy(Fixtures.Tiny("odd_37x53.png"), Path.Combine(folder, "b_odd.png"));
        File.Copy(Fixtures.Tiny("object_96x80.png"), Path.Combine(folder, "c_object.png"));
        File.WriteAllText(Path.Combine(folder, "a_broken.png"), "not a png");
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "ignored: not an image extension");
        string predictions = Path.Combine(folder, "preds.json");

        var (exit, output, _) = CliRunner.Run("localize", folder, "--model", Fixtures.TinyModel, "--output", predictions);

        Assert.Equal(ExitCodes.PartlyFailed, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.EndsWith("a_broken.png", lines[0].GetProperty("image").GetString());
        Assert.Contains("not an image", lines[0].GetProperty("error").GetString());
        Assert.EndsWith("b_odd.png", lines[1].GetProperty("image").GetString());
        Assert.Equal("[0,0,37,32]", lines[1].GetProperty("box").GetRawText());
        Assert.Equal(1, lines[1].GetProperty("seed").GetInt32());
        Assert.Equal("[4,3]", lines[1].GetProperty("grid").GetRawText());
        Assert.Equal(37, lines[1].GetProperty("width").GetInt32());
        foreach (var stage in new[] { "decode", "preprocess", "model", "kernel" })
        {
            Assert.True(lines[2].GetProperty("timings_ms").GetProperty(stage).GetDouble() >= 0);
        }
        using var expectedObject = Fixtures.Lost("object_96x80");
        var expectedBox = expectedObject.RootElement.GetProperty("lost").GetProperty("box").GetRawText().Replace(" ", "").Replace("\n", "");

        using var map = JsonDocument.Parse(File.ReadAllText(predictions));
        Assert.Equal(new[] { "b_odd.png", "c_object.png" }, map.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("[0,0,37,32]", map.RootElement.GetProperty("b_odd.png").GetRawText());
        Assert.Equal(expectedBox, map.RootElement.GetProperty("c_object.png").GetRawText());
    }

    [Fact]
    public void Localize_with_dinoseg_reports_no_seed()
    {
        var (exit, output, _) = CliRunner.Run("localize", Fixtures.Tiny("odd_37x53.png"), "--model", Fixtures.TinyModel,
            "--method", "dinoseg", "--dinoseg-head", "0");
        Assert.Equal(0, exit);
        var line = JsonDocument.Parse(output).RootElement;
        Assert.Equal("[0,0,48,64]", line.GetProperty("box").GetRawText());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("seed").ValueKind);
    }

    [Theory]
    [InlineData("--features", "x", "'x' is not one of k, q, v")]
    [InlineData("--dinoseg-head", "3", "has 3 heads")]
    [InlineData("--ep", "cuda", "cuda cannot be used")]
    [InlineData("--ep", "tensorrt", "tensorrt cannot be used")]
    public void Bad_options_exit_2_with_the_reason(string option, string value, string reason)
    {
        var args = new List<string> { "localize", Fixtures.Tiny("odd_37x53.png"), "--model", Fixtures.TinyModel, option, value };
        if (option == "--dinoseg-head")
        {
            args.AddRange(["--method", "dinoseg"]);
        }
        var (exit, _, error) = CliRunner.Run([.. args]);
        Assert.Equal(2, exit);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_bad_model_exits_2()
    {
        var (exit, _, error) = CliRunner.Run("localize", Fixtures.Tiny("odd_37x53.png"), "--model", Fixtures.BrokenModel("no-patch-size.onnx"));
        Assert.Equal(2, exit);
        Assert.Contains("lostengine.patch_size", error);
    }

    [Fact]
    public void No_image_found_exits_2()
    {
        var (exit, _, error) = CliRunner.Run("localize", Fixtures.TempFolder(), "--model", Fixtures.TinyModel);
        Assert.Equal(2, exit);
        Assert.Contains("no image found", error);
    }

    [Theory]
    [InlineData("k")]
    [InlineData("v")]
    public void Features_writes_the_patch_rows_as_npy(string kind)
    {
        string output = Path.Combine(Fixtures.TempFolder(), "features.npy");
        var (exit, stdout, _) = CliRunner.Run("features", Fixtures.Tiny("wide_100x75.png"), "--model", Fixtures.TinyModel,
            "--features", kind, "--output", output);

        Assert.Equal(0, exit);
        var info = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("[5,7]", info.GetProperty("grid").GetRawText());
        Assert.Equal(16, info.GetProperty("patch_size").GetInt32());
        Assert.Equal(48, info.GetProperty("dim").GetInt32());
        var written = TestNpy.Read(output);
        var reference = TestNpy.Read(Fixtures.Tiny($"wide_100x75.{kind}.npy"));
        Assert.Equal(new[] { 35, 48 }, written.Shape);
        double maxDiff = 0, scale = 0;
        for (int i = 0; i < written.Values.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(written.Values[i] - reference.Values[48 + i]));
            scale = Math.Max(scale, Math.Abs(reference.Values[48 + i]));
        }
        Assert.True(maxDiff / scale <= 1e-4, $"relative error {maxDiff / scale:E3}");
        Assert.Equal(0, new FileInfo(output).Length % 4);
        Assert.Equal(0, (new FileInfo(output).Length - 35 * 48 * 4) % 64);
    }

    [Fact]
    public void Bench_pipeline_reports_every_stage()
    {
        var (exit, stdout, _) = CliRunner.Run("bench", "pipeline", "--model", Fixtures.TinyModel, "--size", "40x56", "--runs", "3", "--json");
        Assert.Equal(0, exit);
        var report = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("[3,4]", report.GetProperty("grid").GetRawText());
        var medians = report.GetProperty("median_ms");
        Assert.True(medians.GetProperty("model").GetDouble() > 0);
        Assert.True(report.GetProperty("non_model_fraction").GetDouble() > 0);
    }

    [Fact]
    public void Bench_pipeline_rejects_a_malformed_size()
    {
        var (exit, _, error) = CliRunner.Run("bench", "pipeline", "--model", Fixtures.TinyModel, "--size", "480by640");
        Assert.Equal(2, exit);
        Assert.Contains("--size", error);
    }

    [Fact]
    public void Bench_pipeline_rejects_a_size_above_the_pixel_limit_before_making_the_image()
    {
        string line = CliRunner.Run("bench", "pipeline", "--model", Fixtures.TinyModel, "--size", "2147483647x2147483647").AssertBadInput();
        Assert.Equal("lost: --size: 2147483647x2147483647 is 4611686014132420609 pixels, above the limit of 50000000 pixels.", line);
    }
}
