using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;
using LostEngine.Tests.Runs;

namespace LostEngine.Tests.Catalog;

/// <summary>
/// Every <c>--model</c> takes a catalogue name: the first use pulls the model (progress on stderr), later uses read
/// the cache without asking the server, and the results are those of the model file itself.
/// </summary>
public sealed class ModelNameOptionTests
{
    private const string Name = "dinov2-vits14-reg";

    private static string Image => Fixtures.Tiny(Fixtures.PngNames().First() + ".png");

    [Fact]
    public void Localize_pulls_on_first_use_and_reads_the_cache_after()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish(Name);
        var byPath = sandbox.Run("localize", Image, "--model", Fixtures.TinyModel, "--quiet");
        Assert.True(byPath.ExitCode == 0, byPath.Error);

        var first = sandbox.Run("localize", Image, "--model", Name);
        var second = sandbox.Run("localize", Image, "--model", Name);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(Boxes(byPath), Boxes(first));
        Assert.Equal(Boxes(byPath), Boxes(second));
        Assert.Contains($"{Name}: downloading ", first.Error);
        Assert.DoesNotContain($"{Name}: downloading ", second.Error);
        Assert.Single(sandbox.Server.Requests);
    }

    [Fact]
    public void Quiet_runs_pull_without_a_word()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish(Name);

        var run = sandbox.Run("localize", Image, "--model", Name, "--quiet");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain(Name, run.Error);
    }

    [Fact]
    public void Features_takes_a_name()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish(Name);
        string byPath = Path.Combine(sandbox.Folder, "by-path.npy");
        string byName = Path.Combine(sandbox.Folder, "by-name.npy");

        var one = sandbox.Run("features", Image, "--model", Fixtures.TinyModel, "--output", byPath);
        var two = sandbox.Run("features", Image, "--model", Name, "--output", byName);

        Assert.True(one.ExitCode == 0, one.Error);
        Assert.True(two.ExitCode == 0, two.Error);
        Assert.Equal(File.ReadAllBytes(byPath), File.ReadAllBytes(byName));
    }

    [Fact]
    public void Bench_pipeline_takes_a_name()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish(Name);

        var run = sandbox.Run("bench", "pipeline", "--model", Name, "--size", "56x56", "--runs", "1", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(1, run.Json.GetProperty("runs").GetInt32());
        Assert.Single(sandbox.Server.Requests);
    }

    [Fact]
    public void Evaluate_takes_a_name()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish(Name);
        using var data = new RunFolder(2);
        string root = EvaluateWithModelTests.MakeVoc(data, out _);

        var byPath = sandbox.Run("evaluate", "--dataset", "voc", "--root", root, "--model", Fixtures.TinyModel, "--quiet");
        var byName = sandbox.Run("evaluate", "--dataset", "voc", "--root", root, "--model", Name, "--quiet");

        Assert.True(byName.ExitCode == 0, byName.Error);
        Assert.StartsWith("CorLoc ", byName.Output);
        Assert.Equal(byPath.Output, byName.Output);
    }

    [Fact]
    public void Options_are_checked_before_a_pull()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish(Name);

        string line = sandbox.Run("localize", Image, "--model", Name, "--k", "0").AssertBadInput();

        Assert.StartsWith("lost: --k: ", line);
        Assert.Empty(sandbox.Server.Requests);
    }

    [Fact]
    public void A_failed_pull_names_the_option()
    {
        using var sandbox = new CatalogSandbox();

        string line = sandbox.Run("localize", Image, "--model", Name).AssertBadInput();

        Assert.StartsWith($"lost: --model: {Name}: cannot download {sandbox.Server.BaseUrl.AbsoluteUri}dinov2/dinov2_vits14/dinov2_vits14_reg4_pretrain.pth: the server answered 404 Not Found;", line);
    }

    [Theory]
    [InlineData("dinov2-vits14-registers")]
    [InlineData("dino-vits16-reg")]
    public void A_name_the_catalogue_lacks_is_bad_input_listing_the_catalogue(string name)
    {
        using var sandbox = new CatalogSandbox();

        string line = sandbox.Run("localize", Image, "--model", name).AssertBadInput();

        Assert.StartsWith($"lost: --model: '{name}' is neither a file nor a model of the catalogue (dino-vits16, ", line);
        Assert.Empty(sandbox.Server.Requests);
    }

    [Fact]
    public void A_missing_path_is_still_reported_as_a_missing_file()
    {
        using var sandbox = new CatalogSandbox();
        string missing = Path.Combine(sandbox.Folder, "dino-vits16");

        string line = sandbox.Run("localize", Image, "--model", missing).AssertBadInput();

        Assert.Contains($"'{missing}'", line);
        Assert.Contains("does not exist", line);
        Assert.Empty(sandbox.Server.Requests);
    }

    private static string[] Boxes(CliRun run) => run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("box").GetRawText()).ToArray();
}
