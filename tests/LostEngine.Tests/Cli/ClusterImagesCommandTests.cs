using System.Security.Cryptography;
using LostEngine.Cli;
using LostEngine.Tests.Clustering.Features;
using LostEngine.Tests.Import;

namespace LostEngine.Tests.Cli;

/// <summary>
/// <c>lost cluster --images DIR --model M</c>: the features of each box extracted as cluster_for_OD.py does, written
/// with <c>--features-out</c>, and clustered as the same features from a file would be.
/// </summary>
public sealed class ClusterImagesCommandTests : IDisposable
{
    private readonly BoxImageFolder _data = new();

    public void Dispose() => _data.Dispose();

    internal static void AssertReferenceFeatures(BoxImageFolder data, string featuresOut, IReadOnlyList<string> keys)
    {
        var written = BoxImageFolder.ReadFeatures(featuresOut);
        Assert.Equal([keys.Count, data.Dims], written.Shape);
        var sidecar = BoxImageFolder.ReadJson(featuresOut + ".json");
        Assert.Equal(keys, BoxImageFolder.Strings(sidecar, "images"));
        for (int r = 0; r < keys.Count; r++)
        {
            OutputComparison.AssertClose(data.Expected[keys[r]], written.Values.AsSpan(r * data.Dims, data.Dims), keys[r]);
        }
    }

    [Fact]
    public void Gives_the_reference_features_and_the_labels_of_the_reference_features_from_a_file()
    {
        string featuresOut = _data.File("features.npy");
        string output = _data.File("clusters.json");

        var run = CliRunner.Run(_data.Clustered("--features-out", featuresOut, "--output", output));

        Assert.True(run.ExitCode == 0, run.Error);
        AssertReferenceFeatures(_data, featuresOut, _data.SortedKeys);
        var sidecar = BoxImageFolder.ReadJson(featuresOut + ".json");
        Assert.Equal(_data.Dims, sidecar.GetProperty("dims").GetInt32());
        Assert.Equal(Path.GetFullPath(FeatureFixtures.Model), sidecar.GetProperty("model").GetProperty("path").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(FeatureFixtures.Model))),
            sidecar.GetProperty("model").GetProperty("sha256").GetString());
        var boxes = sidecar.GetProperty("boxes").EnumerateArray().ToArray();
        var map = BoxImageFolder.ReadJson(_data.Predictions);
        for (int r = 0; r < boxes.Length; r++)
        {
            Assert.Equal(map.GetProperty(_data.SortedKeys[r]).EnumerateArray().Select(v => v.GetDouble()),
                boxes[r].EnumerateArray().Select(v => v.GetDouble()));
        }

        string fromFile = _data.File("from-file.json");
        var reference = CliRunner.Run("cluster", "--predictions", _data.Predictions, "--features", _data.ReferenceFeatures(), "--k", "3",
            "--init", "scipy", "--output", fromFile);
        Assert.True(reference.ExitCode == 0, reference.Error);
        var clusters = BoxImageFolder.ReadJson(output);
        Assert.Equal(BoxImageFolder.ReadJson(fromFile).Ints("labels"), clusters.Ints("labels"));
        Assert.Equal(_data.SortedKeys, BoxImageFolder.Strings(clusters, "images"));
        Assert.Equal(_data.SortedKeys.Length, run.Json.GetProperty("images").GetInt32());
    }

    [Fact]
    public void Failed_images_are_left_out_listed_and_the_run_exits_3_after_writing_its_outputs()
    {
        _data.AddImage("missing.png", null, [0, 0, 10, 10]);
        // A readable image outside the folder: only the key's check keeps it out.
        _data.AddImage("../outside.png", Model.Fixtures.Tiny("odd_37x53.png"), [0, 0, 37, 53]);
        _data.AddImage("empty-crop.png", Model.Fixtures.Tiny("odd_37x53.png"), [10, 20, 10.4, 40]);
        _data.AddImage("not-an-image.png", FeatureFixtures.Path("manifest.json"), [0, 0, 10, 10]);
        string featuresOut = _data.File("features.npy");
        string output = _data.File("clusters.json");

        var run = CliRunner.Run(_data.Clustered("--features-out", featuresOut, "--output", output));

        Assert.Equal(ExitCodes.PartlyFailed, run.ExitCode);
        var failed = run.Error.Split('\n').Where(line => line.StartsWith("failed: ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["../outside.png", "empty-crop.png", "missing.png", "not-an-image.png"],
            failed.Select(line => line["failed: ".Length..line.IndexOf(": ", "failed: ".Length, StringComparison.Ordinal)]));
        Assert.Contains("climbs out with '..'", failed[0]);
        Assert.Contains("nothing is left to describe", failed[1]);
        Assert.Contains($"{_data.SortedKeys.Length} boxes described, 0 already done, 4 failed of {_data.SortedKeys.Length + 4}", run.Error);
        AssertReferenceFeatures(_data, featuresOut, _data.SortedKeys);
        Assert.Equal(_data.SortedKeys, BoxImageFolder.Strings(BoxImageFolder.ReadJson(output), "images"));
    }

    [Fact]
    public void When_every_image_fails_nothing_is_clustered_and_the_run_exits_3()
    {
        using var folder = new TempFolder();
        var files = new ClusterFiles(folder);
        string predictions = files.Predictions([("gone.png", [0, 0, 5, 5]), ("../up.png", [0, 0, 5, 5])]);
        string output = folder.File("clusters.json");

        var run = CliRunner.Run("cluster", "--predictions", predictions, "--images", folder.Path, "--model", FeatureFixtures.Model, "--quiet", "--k", "2", "--output", output);

        Assert.Equal(ExitCodes.PartlyFailed, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("failed: gone.png: ", run.Error);
        Assert.Contains("failed: ../up.png: ", run.Error);
        Assert.Contains("lost: every image failed, so nothing was clustered", run.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Lists_the_first_20_failures_and_counts_the_rest()
    {
        for (int i = 0; i < 23; i++)
        {
            _data.AddImage($"gone{i:D2}.png", null, [0, 0, 5, 5]);
        }

        var run = CliRunner.Run(_data.Clustered("--output", _data.File("clusters.json")));

        Assert.Equal(ExitCodes.PartlyFailed, run.ExitCode);
        Assert.Equal(20, run.Error.Split('\n').Count(line => line.StartsWith("failed: gone", StringComparison.Ordinal)));
        Assert.Contains("... and 3 more failed", run.Error);
    }

    [Fact]
    public void A_model_without_cls_embedding_is_bad_input_saying_how_to_export_it_again()
    {
        var run = CliRunner.Run(_data.Clustered("--output", _data.File("clusters.json")).With("--model", Model.Fixtures.TinyModel));

        string line = run.AssertBadInput();
        Assert.Contains("has no output 'cls_embedding'", line);
        Assert.Contains("export_dino_onnx.py", line);
        Assert.False(File.Exists(_data.File("clusters.json")));
    }
}
