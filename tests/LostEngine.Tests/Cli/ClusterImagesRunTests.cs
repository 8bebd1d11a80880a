using System.CommandLine;
using System.Text.Json.Nodes;
using LostEngine.Cli;
using LostEngine.Cli.Catalog;
using LostEngine.Cli.Commands;
using LostEngine.Cli.Runs;
using LostEngine.Clustering.Features;

namespace LostEngine.Tests.Cli;

/// <summary>
/// Long runs of <c>lost cluster --images</c>: stopped (as Ctrl-C or SIGTERM stop it) and resumed, or split into
/// shards whose features are clustered together, they give the labels of one run.
/// </summary>
public sealed class ClusterImagesRunTests : IDisposable
{
    private readonly BoxImageFolder _data = new();

    public void Dispose() => _data.Dispose();

    /// <summary>Runs the command in process, stopping it after <paramref name="stopAfter"/> boxes as a signal would.</summary>
    private static CliRun RunStopped(int stopAfter, params string[] args)
    {
        var command = ClusterCommand.Create(ModelSources.OfProcess(), (progress, stop) =>
        {
            if (progress.Done == stopAfter)
            {
                stop.Stop();
            }
        });
        var output = new StringWriter();
        var error = new StringWriter();
        int code = command.Parse(args[1..]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private int[] OneRunLabels()
    {
        string output = _data.File("one-run.json");
        var run = CliRunner.Run(_data.Clustered("--output", output));
        Assert.True(run.ExitCode == 0, run.Error);
        return BoxImageFolder.ReadJson(output).Ints("labels");
    }

    [Fact]
    public void A_stopped_run_writes_the_features_so_far_and_exits_130_and_resume_completes_them_to_one_runs_result()
    {
        string featuresOut = _data.File("features.npy");
        string output = _data.File("clusters.json");

        var stopped = RunStopped(3, _data.Clustered("--features-out", featuresOut, "--output", output));

        Assert.Equal(ExitCodes.Interrupted, stopped.ExitCode);
        Assert.Equal("", stopped.Output);
        Assert.Contains("stopped early; 3 boxes described", stopped.Error);
        Assert.False(File.Exists(output));
        ClusterImagesCommandTests.AssertReferenceFeatures(_data, featuresOut, _data.SortedKeys[..3]);

        var resumed = CliRunner.Run(_data.Clustered("--features-out", featuresOut, "--output", output, "--resume"));

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains($"{_data.SortedKeys.Length - 3} boxes described, 3 already done, 0 failed", resumed.Error);
        ClusterImagesCommandTests.AssertReferenceFeatures(_data, featuresOut, _data.SortedKeys);
        Assert.Equal(OneRunLabels(), BoxImageFolder.ReadJson(output).Ints("labels"));
    }

    [Fact]
    public void A_stopped_run_without_features_out_writes_nothing_and_exits_130()
    {
        string output = _data.File("clusters.json");

        var stopped = RunStopped(2, _data.Clustered("--output", output));

        Assert.Equal(ExitCodes.Interrupted, stopped.ExitCode);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "*.npy*"));
    }

    [Fact]
    public void Resume_extracts_again_a_box_that_changed_and_keeps_the_rest()
    {
        string featuresOut = _data.File("features.npy");
        Assert.Equal(0, CliRunner.Run(_data.Clustered("--features-out", featuresOut, "--output", _data.File("first.json"))).ExitCode);
        var sidecar = JsonNode.Parse(File.ReadAllText(featuresOut + ".json"))!;
        sidecar["boxes"]![0] = new JsonArray(0, 0, 1, 1);
        File.WriteAllText(featuresOut + ".json", sidecar.ToJsonString());

        var resumed = CliRunner.Run(_data.Clustered("--features-out", featuresOut, "--output", _data.File("clusters.json"), "--resume"));

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains($"1 boxes described, {_data.SortedKeys.Length - 1} already done", resumed.Error);
        ClusterImagesCommandTests.AssertReferenceFeatures(_data, featuresOut, _data.SortedKeys);
    }

    [Fact]
    public void Resume_on_features_of_another_model_is_bad_input_naming_resume()
    {
        string featuresOut = _data.File("features.npy");
        Assert.Equal(ExitCodes.Interrupted, RunStopped(2, _data.Clustered("--features-out", featuresOut, "--output", _data.File("c.json"))).ExitCode);
        var sidecar = JsonNode.Parse(File.ReadAllText(featuresOut + ".json"))!;
        sidecar["model"] = new JsonObject { ["name"] = "dinov2-vits14-reg", ["sha256"] = new string('a', 64) };
        File.WriteAllText(featuresOut + ".json", sidecar.ToJsonString());

        string line = CliRunner.Run(_data.Clustered("--features-out", featuresOut, "--output", _data.File("c.json"), "--resume")).AssertBadInput();

        Assert.StartsWith("lost: --resume: ", line);
        Assert.Contains("holds features of dinov2-vits14-reg (SHA-256 aaaaaaaaaaaa…)", line);
    }

    [Fact]
    public void Three_shards_clustered_together_give_the_labels_of_one_run()
    {
        var parts = new List<string>();
        int rows = 0;
        for (int i = 0; i < 3; i++)
        {
            string part = _data.File($"part{i}.npy");
            var run = CliRunner.Run(_data.Args("--shard", $"{i}/3", "--features-out", part));
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Equal($"{i}/3", run.Json.GetProperty("shard").GetString());
            rows += run.Json.GetProperty("rows").GetInt32();
            parts.Add(part);
        }
        Assert.Equal(_data.SortedKeys.Length, rows);
        string output = _data.File("merged.json");

        var merged = CliRunner.Run(["cluster", "--predictions", _data.Predictions, "--features", .. parts, "--k", "3", "--init", "scipy", "--output", output]);

        Assert.True(merged.ExitCode == 0, merged.Error);
        Assert.Equal(OneRunLabels(), BoxImageFolder.ReadJson(output).Ints("labels"));
        Assert.Equal(_data.SortedKeys, BoxImageFolder.Strings(BoxImageFolder.ReadJson(output), "images"));
    }
}
