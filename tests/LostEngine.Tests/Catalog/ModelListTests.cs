using System.Text.Json;
using LostEngine.Catalog;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Catalog;

/// <summary><c>lost model list</c>: every catalogue model, and what the cache holds of it with sizes and paths.</summary>
public sealed class ModelListTests
{
    [Fact]
    public void An_empty_cache_lists_every_model_as_not_pulled()
    {
        using var sandbox = new CatalogSandbox();

        var list = sandbox.Run("model", "list");

        Assert.True(list.ExitCode == 0, list.Error);
        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"cache {sandbox.Cache} ({CatalogSettings.CacheVariable}), checkpoints from {sandbox.Server.BaseUrl.AbsoluteUri.TrimEnd('/')} ({CatalogSettings.BaseUrlVariable})", lines[0]);
        Assert.Equal(ModelCatalog.Entries.Count, lines.Length - 1);
        Assert.Equal("dino-vits16        DINO ViT-S/16                     not pulled", lines[1]);
        Assert.Equal("dinov2-vitg14-reg  DINOv2 ViT-g/14 with 4 registers  not pulled", lines[^1]);
    }

    [Fact]
    public void The_list_shows_ready_models_checkpoints_and_parts_with_their_sizes()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish("dino-vits16", bytes: 3 << 20);
        sandbox.Publish("dinov2-vits14", bytes: 2 << 20);
        sandbox.Server.DropOnce(CatalogSandbox.Entry("dinov2-vits14").Path, 1 << 19);
        Assert.Equal(0, sandbox.Run("model", "pull", "dino-vits16", "--quiet").ExitCode);
        Assert.NotEqual(0, sandbox.Run("model", "pull", "dinov2-vits14", "--quiet").ExitCode);
        sandbox.Publish("dino-vitb16", bytes: 1 << 20);
        Assert.Equal(0, sandbox.Run("model", "pull", "dino-vitb16", "--quiet").ExitCode);
        // What an import that failed after the download leaves.
        File.Delete(Path.Combine(sandbox.ModelFolder("dino-vitb16"), "manifest.json"));

        var list = sandbox.Run("model", "list");

        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        double modelMegabytes = new FileInfo(Fixtures.TinyModel).Length / (double)(1 << 20);
        string modelPath = Path.Combine(sandbox.ModelFolder("dino-vits16"), "model.onnx");
        Assert.Contains($"dino-vits16        DINO ViT-S/16                     ready, model {modelMegabytes:0.0} MB, checkpoint 3.0 MB: {modelPath}", lines);
        Assert.Contains("dinov2-vits14      DINOv2 ViT-S/14                   0.5 MB downloaded ('lost model pull dinov2-vits14' resumes)", lines);
        Assert.Contains("dino-vitb16        DINO ViT-B/16                     checkpoint 1.0 MB, not imported ('lost model pull dino-vitb16' imports it)", lines);
    }

    [Fact]
    public void The_json_list_gives_exact_sizes_and_paths()
    {
        using var sandbox = new CatalogSandbox();
        byte[] checkpoint = sandbox.Publish("dinov2-vitb14-reg");
        Assert.Equal(0, sandbox.Run("model", "pull", "dinov2-vitb14-reg", "--quiet").ExitCode);

        var list = sandbox.Run("model", "list", "--json");

        var models = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(ModelCatalog.Entries.Select(e => e.Name), models.Select(m => m.GetProperty("name").GetString()));
        var ready = models.Single(m => m.GetProperty("state").GetString() == "ready");
        Assert.Equal("dinov2-vitb14-reg", ready.GetProperty("name").GetString());
        Assert.Equal(Path.Combine(sandbox.ModelFolder("dinov2-vitb14-reg"), "model.onnx"), ready.GetProperty("model").GetString());
        Assert.Equal(checkpoint.Length, ready.GetProperty("checkpoint_bytes").GetInt64());
        Assert.Equal(new FileInfo(Fixtures.TinyModel).Length, ready.GetProperty("model_bytes").GetInt64());
        Assert.Equal(sandbox.Server.BaseUrl.AbsoluteUri + "dinov2/dinov2_vitb14/dinov2_vitb14_reg4_pretrain.pth", ready.GetProperty("url").GetString());
        Assert.All(models.Where(m => m.GetProperty("name").GetString() != "dinov2-vitb14-reg"),
            m => Assert.Equal("absent", m.GetProperty("state").GetString()));
    }

    [Fact]
    public void A_manifest_that_does_not_match_its_files_is_not_ready()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish("dino-vits8");
        Assert.Equal(0, sandbox.Run("model", "pull", "dino-vits8", "--quiet").ExitCode);
        File.AppendAllText(Path.Combine(sandbox.ModelFolder("dino-vits8"), "model.onnx"), "x");

        var list = sandbox.Run("model", "list", "--json");

        var model = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(m => m.GetProperty("name").GetString() == "dino-vits8");
        Assert.Equal("checkpoint", model.GetProperty("state").GetString());
    }

    [Fact]
    public void A_manifest_that_is_a_fifo_reads_as_none_instead_of_blocking_the_list()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish("dino-vits8");
        Assert.Equal(0, sandbox.Run("model", "pull", "dino-vits8", "--quiet").ExitCode);
        string manifest = Path.Combine(sandbox.ModelFolder("dino-vits8"), ModelCache.ManifestFile);
        File.Delete(manifest);
        Runs.SpecialFiles.MakeFifo(manifest);

        var list = sandbox.Run("model", "list", "--json");

        var model = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(m => m.GetProperty("name").GetString() == "dino-vits8");
        Assert.Equal("checkpoint", model.GetProperty("state").GetString());
    }
}
