using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Runs;

/// <summary>
/// Every place a run writes to is checked before the first image: an output that is an input or a folder, or that
/// cannot be written, is one line of bad input naming the option, and nothing is run, written or overwritten.
/// </summary>
public sealed class OutputGuardTests
{
    private static string[] Localize(RunFolder data, params string[] extra) =>
        ["localize", data.Images, "--model", Fixtures.TinyModel, "--quiet", .. extra];

    [Fact]
    public void An_output_naming_an_input_image_is_refused_and_the_image_kept()
    {
        using var data = new RunFolder(3);
        string image = Path.Combine(data.Images, "img_0001.png");
        byte[] before = File.ReadAllBytes(image);

        string line = CliRunner.Run(Localize(data, "--output", image)).AssertBadInput();

        Assert.StartsWith("lost: --output:", line);
        Assert.Contains("input", line);
        Assert.Equal(before, File.ReadAllBytes(image));
        Assert.False(File.Exists(image + ".journal.jsonl"));
    }

    [Fact]
    public void An_output_reaching_an_input_through_a_linked_folder_is_refused()
    {
        using var data = new RunFolder(2);
        string linked = data.File("linked");
        Directory.CreateSymbolicLink(linked, data.Images);
        string image = Path.Combine(data.Images, "img_0000.png");
        byte[] before = File.ReadAllBytes(image);

        string line = CliRunner.Run(Localize(data, "--output", Path.Combine(linked, "img_0000.png"))).AssertBadInput();

        Assert.StartsWith("lost: --output:", line);
        Assert.Equal(before, File.ReadAllBytes(image));
    }

    [Fact]
    public void An_output_naming_the_file_a_linked_input_leads_to_is_refused()
    {
        using var data = new RunFolder(1);
        string real = data.File("real.png");
        File.Copy(Path.Combine(data.Images, "img_0000.png"), real);
        File.CreateSymbolicLink(Path.Combine(data.Images, "linked.png"), real);
        byte[] before = File.ReadAllBytes(real);

        string line = CliRunner.Run(Localize(data, "--output", real, "--overwrite")).AssertBadInput();

        Assert.StartsWith("lost: --output:", line);
        Assert.Contains("linked.png", line);
        Assert.Equal(before, File.ReadAllBytes(real));
    }

    [Fact]
    public void An_output_naming_the_model_is_refused()
    {
        using var data = new RunFolder(1);
        string model = data.File("model.onnx");
        File.Copy(Fixtures.TinyModel, model);

        string line = CliRunner.Run(["localize", data.Images, "--model", model, "--output", model, "--quiet"]).AssertBadInput();

        Assert.StartsWith("lost: --output:", line);
        Assert.Equal(File.ReadAllBytes(Fixtures.TinyModel), File.ReadAllBytes(model));
    }

    [Theory]
    [InlineData("--output")]
    [InlineData("--log")]
    public void An_output_naming_a_folder_is_refused_before_any_image_runs(string option)
    {
        using var data = new RunFolder(3);
        string folder = data.File("a-folder");
        Directory.CreateDirectory(folder);

        string line = CliRunner.Run(Localize(data, option, folder)).AssertBadInput();

        Assert.StartsWith($"lost: {option}:", line);
        Assert.Contains("folder", line);
    }

    [Fact]
    public void A_vis_dir_naming_a_file_is_refused()
    {
        using var data = new RunFolder(1);
        string file = data.File("file.txt");
        File.WriteAllText(file, "kept");

        string line = CliRunner.Run(Localize(data, "--visualize", "pred", "--vis-dir", file)).AssertBadInput();

        Assert.StartsWith("lost: --vis-dir:", line);
        Assert.Equal("kept", File.ReadAllText(file));
    }

    [Fact]
    public void Two_options_naming_the_same_file_are_refused()
    {
        using var data = new RunFolder(1);
        string output = data.File("p.json");

        string line = CliRunner.Run(Localize(data, "--output", output, "--log", output)).AssertBadInput();

        Assert.StartsWith("lost: --log:", line);
        Assert.Contains("--output", line);
    }

    [SmallFileSystemTheory]
    [InlineData("--output", "p.json")]
    [InlineData("--log", "run.jsonl")]
    [InlineData("--vis-dir", "vis")]
    public void A_read_only_output_of_localize_is_refused_before_any_image_runs(string option, string name)
    {
        using var data = new RunFolder(3);
        using var readOnly = new SmallFileSystem(16, readOnly: true);
        string[] pictures = option == "--vis-dir" ? ["--visualize", "pred"] : [];

        string line = CliRunner.Run(Localize(data, [option, readOnly.File(name), .. pictures])).AssertBadInput();

        Assert.StartsWith($"lost: {option}:", line);
        Assert.Contains("read-only", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", line);
    }

    [SmallFileSystemTheory]
    [InlineData("--report")]
    [InlineData("--coco-results")]
    [InlineData("--output")]
    public void A_read_only_output_of_evaluate_is_refused_before_the_model_runs(string option)
    {
        using var data = new RunFolder(4);
        string root = EvaluateWithModelTests.MakeVoc(data, out _);
        using var readOnly = new SmallFileSystem(16, readOnly: true);
        string[] output = option == "--output" ? [] : ["--output", data.File("p.json")];

        string line = CliRunner.Run(["evaluate", "--dataset", "voc", "--root", root, "--model", Fixtures.TinyModel, "--quiet",
            .. output, option, readOnly.File("out.json")]).AssertBadInput();

        Assert.StartsWith($"lost: {option}:", line);
        Assert.False(File.Exists(data.File("p.json.journal.jsonl")));
    }

    [SmallFileSystemFact]
    public void A_read_only_features_output_is_refused_before_the_model_runs()
    {
        using var readOnly = new SmallFileSystem(16, readOnly: true);

        string line = CliRunner.Run("features", Fixtures.Tiny("odd_37x53.png"), "--model", Fixtures.TinyModel,
            "--output", readOnly.File("k.npy")).AssertBadInput();

        Assert.StartsWith("lost: --output:", line);
        Assert.Contains("read-only", line, StringComparison.OrdinalIgnoreCase);
    }
}
