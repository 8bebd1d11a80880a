using System.Text.Json;
using LostEngine.Catalog;
using LostEngine.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Catalog;

/// <summary>
/// <c>lost model pull NAME</c> against a loopback server: the checkpoint arrives whole under its published name,
/// is imported, and is recorded in the manifest; a second pull finds it in the cache without asking the server.
/// </summary>
public sealed class ModelPullTests
{
    [Fact]
    public void A_pull_downloads_imports_and_records_the_model()
    {
        var importer = new FakeImporter();
        using var sandbox = new CatalogSandbox(importer);
        byte[] checkpoint = sandbox.Publish("dinov2-vits14-reg");

        var pull = sandbox.Run("model", "pull", "dinov2-vits14-reg");

        Assert.True(pull.ExitCode == 0, pull.Error);
        var json = pull.Json;
        string folder = sandbox.ModelFolder("dinov2-vits14-reg");
        Assert.Equal(Path.Combine(folder, "model.onnx"), json.GetProperty("model").GetString());
        Assert.Equal(Path.Combine(folder, "dinov2_vits14_reg4_pretrain.pth"), json.GetProperty("checkpoint").GetString());
        Assert.Equal(checkpoint.Length, json.GetProperty("checkpoint_bytes").GetInt64());
        Assert.Equal(new FileInfo(Fixtures.TinyModel).Length, json.GetProperty("model_bytes").GetInt64());
        Assert.Equal("DINOv2 ViT-S/14 with 4 registers", json.GetProperty("architecture").GetString());
        Assert.Equal(sandbox.Server.BaseUrl.AbsoluteUri + "dinov2/dinov2_vits14/dinov2_vits14_reg4_pretrain.pth", json.GetProperty("url").GetString());
        Assert.Equal(checkpoint, File.ReadAllBytes(sandbox.CheckpointPath("dinov2-vits14-reg")));
        Assert.Equal(checkpoint, Assert.Single(importer.Checkpoints));
        Assert.Equal(File.ReadAllBytes(Fixtures.TinyModel), File.ReadAllBytes(json.GetProperty("model").GetString()!));
        Assert.Equal(new[] { "dinov2_vits14_reg4_pretrain.pth", "manifest.json", "model.onnx", "pull.lock" },
            Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
        Assert.Contains("dinov2-vits14-reg: downloading " + sandbox.Server.BaseUrl.AbsoluteUri, pull.Error);
        Assert.Contains("dinov2-vits14-reg: importing", pull.Error);
    }

    [Fact]
    public void A_second_pull_reads_the_cache_without_asking_the_server()
    {
        var importer = new FakeImporter();
        using var sandbox = new CatalogSandbox(importer);
        sandbox.Publish("dino-vits16");
        var first = sandbox.Run("model", "pull", "dino-vits16", "--quiet");
        Assert.True(first.ExitCode == 0, first.Error);

        var second = sandbox.Run("model", "pull", "dino-vits16", "--quiet");

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(first.Output, second.Output);
        Assert.Single(sandbox.Server.Requests);
        Assert.Single(importer.Checkpoints);
        Assert.Equal("", second.Error);
    }

    [Fact]
    public void The_manifest_names_what_the_pull_made()
    {
        using var sandbox = new CatalogSandbox();
        byte[] checkpoint = sandbox.Publish("dino-vitb8");

        Assert.Equal(0, sandbox.Run("model", "pull", "dino-vitb8", "--quiet").ExitCode);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(sandbox.ModelFolder("dino-vitb8"), "manifest.json")));
        var root = manifest.RootElement;
        Assert.Equal("dino-vitb8", root.GetProperty("name").GetString());
        Assert.Equal("dino_vitbase8_pretrain.pth", root.GetProperty("checkpoint").GetString());
        Assert.Equal(checkpoint.Length, root.GetProperty("checkpoint_bytes").GetInt64());
        Assert.Equal(new[] { "model.onnx" }, root.GetProperty("model_files").EnumerateArray().Select(f => f.GetString()!));
    }

    [Fact]
    public void A_model_whose_file_went_missing_is_imported_again_from_the_kept_checkpoint()
    {
        var importer = new FakeImporter();
        using var sandbox = new CatalogSandbox(importer);
        sandbox.Publish("dino-vits8");
        Assert.Equal(0, sandbox.Run("model", "pull", "dino-vits8", "--quiet").ExitCode);
        File.Delete(Path.Combine(sandbox.ModelFolder("dino-vits8"), "model.onnx"));

        var again = sandbox.Run("model", "pull", "dino-vits8", "--quiet");

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Single(sandbox.Server.Requests);
        Assert.Equal(2, importer.Checkpoints.Count);
        Assert.True(File.Exists(Path.Combine(sandbox.ModelFolder("dino-vits8"), "model.onnx")));
    }

    [Theory]
    [InlineData("dino-vits16-reg")]
    [InlineData("dinov2-vith14")]
    [InlineData("DINO-VITS16")]
    public void A_name_outside_the_catalogue_is_bad_input_listing_the_catalogue(string name)
    {
        using var sandbox = new CatalogSandbox();

        string line = sandbox.Run("model", "pull", name).AssertBadInput();

        Assert.StartsWith($"lost: {name}: is not a model of the catalogue", line);
        Assert.Contains("dino-vits16, dino-vits8, dino-vitb16, dino-vitb8, dinov2-vits14, dinov2-vits14-reg", line);
        Assert.Empty(sandbox.Server.Requests);
    }

    [Fact]
    public void A_checkpoint_that_is_another_model_is_refused_and_deleted()
    {
        var wrong = new ModelArchitecture(ModelFamily.Dino, 768, 16, 0);
        using var sandbox = new CatalogSandbox(new FakeImporter(reports: wrong));
        sandbox.Publish("dino-vits16");

        string line = sandbox.Run("model", "pull", "dino-vits16", "--quiet").AssertBadInput();

        Assert.StartsWith("lost: dino-vits16: the checkpoint from " + sandbox.Server.BaseUrl.AbsoluteUri + "dino/dino_deitsmall16_pretrain/dino_deitsmall16_pretrain.pth is a DINO ViT-B/16, not the DINO ViT-S/16", line);
        Assert.Contains(CatalogSettings.BaseUrlVariable, line);
        Assert.False(File.Exists(sandbox.CheckpointPath("dino-vits16")));
        Assert.False(File.Exists(Path.Combine(sandbox.ModelFolder("dino-vits16"), "model.onnx")));
        Assert.False(File.Exists(Path.Combine(sandbox.ModelFolder("dino-vits16"), "manifest.json")));
    }

    [Fact]
    public void A_checkpoint_the_importer_refuses_is_deleted_so_the_next_pull_downloads_it_again()
    {
        using var sandbox = new CatalogSandbox(new RefusingImporter());
        sandbox.Publish("dinov2-vitl14");

        string line = sandbox.Run("model", "pull", "dinov2-vitl14", "--quiet").AssertBadInput();

        Assert.Equal($"lost: dinov2-vitl14: the checkpoint from {sandbox.Server.BaseUrl.AbsoluteUri}dinov2/dinov2_vitl14/dinov2_vitl14_pretrain.pth "
            + $"cannot be imported ({sandbox.CheckpointPath("dinov2-vitl14")}: not a zip file); it was deleted.", line);
        Assert.False(File.Exists(sandbox.CheckpointPath("dinov2-vitl14")));
        sandbox.Importer = new FakeImporter();
        Assert.Equal(0, sandbox.Run("model", "pull", "dinov2-vitl14", "--quiet").ExitCode);
        Assert.Equal(2, sandbox.Server.Requests.Count);
    }

    /// <summary>An importer that finds every checkpoint malformed, as the real one does a truncated file.</summary>
    private sealed class RefusingImporter : IModelImporter
    {
        public ImportedModel Import(string checkpointPath, string outputOnnxPath, CancellationToken cancellation) =>
            throw new LostInputException(checkpointPath, "not a zip file");
    }
}
