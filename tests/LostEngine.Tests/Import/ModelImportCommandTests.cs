using LostEngine.Tests.Catalog;
using LostEngine.Tests.Checkpoints;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Import;

/// <summary>
/// <c>lost model import</c> and <c>lost model pull</c> with the real importer: the model they write gives the official
/// keys through <c>lost features</c>, and every bad input is one line, exit 2, with no model file left behind.
/// </summary>
public sealed class ModelImportCommandTests
{
    private const string Name = "dino-vits16";

    [Fact]
    public void Import_then_features_gives_the_official_patch_keys_with_no_python_on_path()
    {
        string folder = Fixtures.TempFolder();
        string model = Path.Combine(folder, "model.onnx");
        string keys = Path.Combine(folder, "k.npy");
        // An empty PATH: nothing but the .NET host, which is started by its full path, can run.
        var environment = new Dictionary<string, string> { ["PATH"] = Fixtures.TempFolder() };

        var import = CliProcess.Run(environment, "model", "import", ReleasedCheckpoints.Path_(Name), "--output", model, "--quiet");
        var features = CliProcess.Run(environment, "features", ReleasedCheckpoints.Image(Name), "--model", model, "--output", keys);

        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Equal("vit_small", import.Json.GetProperty("arch").GetString());
        Assert.Equal(Name, import.Json.GetProperty("template").GetString());
        Assert.Equal(1, import.Json.GetProperty("prefix_tokens").GetInt32());
        Assert.Equal(new FileInfo(model).Length, import.Json.GetProperty("bytes").GetInt64());
        Assert.Equal("", import.Error);
        Assert.True(features.ExitCode == 0, features.Error);
        var k = ReleasedCheckpoints.Official(Name, "k");
        OutputComparison.AssertClose(k.Values.AsSpan(k.Shape[1]), TestNpy.Read(keys).Values, "patch keys of the imported model");
    }

    [Fact]
    public void Import_says_what_it_found_on_stderr()
    {
        string model = Path.Combine(Fixtures.TempFolder(), "model.onnx");

        var run = CliRunner.Run("model", "import", ReleasedCheckpoints.Path_("dinov2-vits14-reg"), "--output", model);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("DINOv2 ViT-S/14, 12 blocks, 384 dims, 6 heads, 4 registers, layer scale: '" + model + "'", run.Error);
        Assert.Equal(5, run.Json.GetProperty("prefix_tokens").GetInt32());
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["--registers", "4"], "register_tokens" },
        { ["--arch", "vit_base"], "patch_embed.proj.weight" },
        { ["--patch", "0"], "lost: --patch: is 0; it must be at least 1." },
        { ["--heads", "-1"], "lost: --heads: is -1; it must be at least 1." },
        { ["--external-data", "--single-file"], "lost: --single-file: contradicts --external-data" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void A_bad_option_is_one_line_exit_2_and_no_file(string[] options, string expected)
    {
        string folder = Fixtures.TempFolder();
        string model = Path.Combine(folder, "model.onnx");

        var run = CliRunner.Run(["model", "import", ReleasedCheckpoints.Path_(Name), "--output", model, "--quiet", .. options]);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_truncated_checkpoint_is_refused_naming_it_and_leaves_no_file()
    {
        string folder = Fixtures.TempFolder();
        string truncated = Path.Combine(Fixtures.TempFolder(), "truncated.pth");
        var bytes = File.ReadAllBytes(ReleasedCheckpoints.Path_(Name));
        File.WriteAllBytes(truncated, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        var run = CliRunner.Run("model", "import", truncated, "--output", Path.Combine(folder, "model.onnx"), "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"lost: {truncated}: ", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "forbidden-global", "refers to the global os.system, which a state dict never needs" },
        { "float64", "is float64 (torch.DoubleStorage)" },
        { "zip-bomb", "(a zip bomb?)" },
        { "wrong-shape", "blocks.0.attn.qkv.weight" },
        { "unreleased-width", "no graph template for DINO ViT d=32, patch 8" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_checkpoint_is_one_line_naming_it_exit_2_and_no_file(string kind, string expected)
    {
        string folder = Fixtures.TempFolder();
        string checkpoint = Path.Combine(Fixtures.TempFolder(), kind + ".pth");
        File.WriteAllBytes(checkpoint, MalformedBytes(kind));

        // The fixture's tensors are a small ViT (d = 32, 2 heads), which has no official head count.
        var run = CliRunner.Run("model", "import", checkpoint, "--output", Path.Combine(folder, "model.onnx"), "--quiet", "--heads", "2");

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"lost: {checkpoint}: ", line);
        Assert.True(line.Contains(expected, StringComparison.Ordinal), line);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    private static byte[] MalformedBytes(string kind)
    {
        var tensors = CheckpointBytes.FixtureTensors("dino_s8_backbone");
        return kind switch
        {
            "forbidden-global" => TorchZip.Checkpoint(new PickleWriter().Global("os", "system").Str("touch /tmp/pwned").TupleOf(1).Reduce().Stop().ToArray()),
            "float64" => CheckpointBuilder.Build([.. tensors.Select(t => t.Name == "blocks.0.attn.qkv.weight" ? t.AsDouble() : t)]),
            "zip-bomb" => TorchZip.Build([("archive/data.pkl", new byte[16 << 20])], System.IO.Compression.CompressionLevel.SmallestSize),
            "unreleased-width" => CheckpointBuilder.Build(tensors),
            _ => CheckpointBuilder.Build([.. tensors.Select(t => t.Name == "blocks.0.attn.qkv.weight"
                ? SavedTensor.Float32(t.Name, [t.Shape.Length == 2 ? (int)t.Shape[0] - 3 : 1, (int)t.Shape[^1]], new float[((int)t.Shape[0] - 3) * (int)t.Shape[^1]])
                : t)]),
        };
    }

    [Fact]
    public void An_existing_model_is_replaced_only_with_overwrite()
    {
        string model = Path.Combine(Fixtures.TempFolder(), "model.onnx");
        File.WriteAllText(model, "an older model");

        var refused = CliRunner.Run("model", "import", ReleasedCheckpoints.Path_(Name), "--output", model, "--quiet");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"lost: --output: '{model}' exists; give --overwrite to replace it.\n", refused.Error);
        Assert.Equal("an older model", File.ReadAllText(model));

        var replaced = CliRunner.Run("model", "import", ReleasedCheckpoints.Path_(Name), "--output", model, "--quiet", "--overwrite");
        Assert.True(replaced.ExitCode == 0, replaced.Error);
        Assert.Equal(replaced.Json.GetProperty("bytes").GetInt64(), new FileInfo(model).Length);
    }

    [Fact]
    public void The_checkpoint_itself_is_refused_as_output()
    {
        string checkpoint = Path.Combine(Fixtures.TempFolder(), "model.pth");
        File.Copy(ReleasedCheckpoints.Path_(Name), checkpoint);

        var run = CliRunner.Run("model", "import", checkpoint, "--output", checkpoint, "--quiet", "--overwrite");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("lost: --output: ", run.Error);
        Assert.Equal(new FileInfo(ReleasedCheckpoints.Path_(Name)).Length, new FileInfo(checkpoint).Length);
    }

    [Fact]
    public void A_pull_imports_the_served_checkpoint_and_features_by_name_give_the_official_keys()
    {
        using var sandbox = new CatalogSandbox(new LostEngine.Catalog.CheckpointImporter());
        sandbox.Server.Serve(CatalogSandbox.Entry(Name).Path, File.ReadAllBytes(ReleasedCheckpoints.Path_(Name)));
        string keys = Path.Combine(sandbox.Folder, "k.npy");

        var run = sandbox.Run("features", ReleasedCheckpoints.Image(Name), "--model", Name, "--output", keys);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"{Name}: importing ", run.Error);
        var k = ReleasedCheckpoints.Official(Name, "k");
        OutputComparison.AssertClose(k.Values.AsSpan(k.Shape[1]), TestNpy.Read(keys).Values, "patch keys of the pulled model");
        var list = sandbox.Run("model", "list", "--json");
        Assert.Contains(list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.Contains($"\"{Name}\"") && line.Contains("ready"));
    }

    [Fact]
    public void A_pull_of_another_architecture_than_the_catalogue_names_is_refused_and_deleted()
    {
        using var sandbox = new CatalogSandbox(new LostEngine.Catalog.CheckpointImporter());
        sandbox.Server.Serve(CatalogSandbox.Entry(Name).Path, File.ReadAllBytes(ReleasedCheckpoints.Path_("dinov2-vits14")));

        var run = sandbox.Run("model", "pull", Name, "--quiet");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is a DINOv2 ViT-S/14, not the DINO ViT-S/16 the catalogue names; it was deleted", run.Error);
        Assert.DoesNotContain(Directory.GetFiles(sandbox.ModelFolder(Name)), f => f.EndsWith(".onnx", StringComparison.Ordinal) || f.EndsWith(".pth", StringComparison.Ordinal));
    }
}
