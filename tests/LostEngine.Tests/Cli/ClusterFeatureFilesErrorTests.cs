using System.Text.Json.Nodes;

namespace LostEngine.Tests.Cli;

/// <summary>
/// Bad combinations of <c>lost cluster</c>'s sources, and several <c>--features</c> files that do not fit the
/// predictions: each a one-line error naming the option, nothing written.
/// </summary>
public sealed class ClusterFeatureFilesErrorTests : IClassFixture<ClusterFeatureFilesErrorTests.Shards>
{
    private readonly Shards _shards;

    public ClusterFeatureFilesErrorTests(Shards shards) => _shards = shards;

    private string[] Cluster(params string[] features) =>
        ["cluster", "--predictions", _shards.Data.Predictions, "--features", .. features, "--k", "2", "--output", _shards.Data.File("out.json")];

    private static string CopyWithSidecar(string part, string copy, Action<JsonNode>? edit = null)
    {
        File.Copy(part, copy, overwrite: true);
        var sidecar = JsonNode.Parse(File.ReadAllText(part + ".json"))!;
        edit?.Invoke(sidecar);
        File.WriteAllText(copy + ".json", sidecar.ToJsonString());
        return copy;
    }

    private string Bad(string[] args, string option)
    {
        string line = CliRunner.Run(args).AssertBadInput();
        Assert.StartsWith($"lost: {option}: ", line);
        Assert.False(File.Exists(_shards.Data.File("out.json")));
        return line;
    }

    [Fact]
    public void Parts_given_as_one_option_or_repeated_are_the_same_features()
    {
        var repeated = CliRunner.Run(["cluster", "--predictions", _shards.Data.Predictions, "--features", _shards.Parts[0], "--features", _shards.Parts[1],
            "--features", _shards.Parts[2], "--k", "2", "--output", _shards.Data.File("repeated.json")]);
        var listed = CliRunner.Run(["cluster", "--predictions", _shards.Data.Predictions, "--features", .. _shards.Parts, "--k", "2",
            "--output", _shards.Data.File("listed.json")]);

        Assert.True(repeated.ExitCode == 0, repeated.Error);
        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.Equal(File.ReadAllText(_shards.Data.File("listed.json")), File.ReadAllText(_shards.Data.File("repeated.json")));
    }

    [Fact]
    public void Images_missing_from_every_file_are_named()
    {
        string line = Bad(Cluster(_shards.Parts[0], _shards.Parts[2]), "--features");
        Assert.Contains($"{_shards.PartKeys[1].Length} of the {_shards.Data.SortedKeys.Length} images with a box in --predictions have no row in the files given: '{_shards.PartKeys[1][0]}'", line);
    }

    [Fact]
    public void An_image_in_two_files_is_named_with_both()
    {
        string copy = CopyWithSidecar(_shards.Parts[1], _shards.Data.File("copy.npy"));
        string line = Bad(Cluster(_shards.Parts[0], _shards.Parts[1], _shards.Parts[2], copy), "--features");
        Assert.Contains($"image '{_shards.PartKeys[1][0]}' has features in both '{_shards.Parts[1]}' and '{copy}'", line);
    }

    [Fact]
    public void A_row_whose_box_is_not_the_predictions_box_is_named()
    {
        string moved = CopyWithSidecar(_shards.Parts[2], _shards.Data.File("moved.npy"), sidecar => sidecar["boxes"]![0] = new JsonArray(1, 2, 3, 4));
        string line = Bad(Cluster(_shards.Parts[0], _shards.Parts[1], moved), "--features");
        Assert.Contains($"has image '{_shards.PartKeys[2][0]}' with box [1, 2, 3, 4], but --predictions has [", line);
    }

    [Fact]
    public void A_sidecar_that_is_a_fifo_is_refused_instead_of_read_for_ever()
    {
        string part = _shards.Data.File("fifo.npy");
        File.Copy(_shards.Parts[2], part, overwrite: true);
        Runs.SpecialFiles.MakeFifo(part + ".json");
        string line = Bad(Cluster(_shards.Parts[0], _shards.Parts[1], part), "--features");
        Assert.Contains($"the sidecar '{part}.json' is not a regular file but", line);
    }

    [Fact]
    public void A_file_without_a_sidecar_among_several_is_refused()
    {
        string bare = _shards.Data.File("bare.npy");
        File.Copy(_shards.Parts[2], bare, overwrite: true);
        string line = Bad(Cluster(_shards.Parts[0], _shards.Parts[1], bare), "--features");
        Assert.Contains($"'{bare}' has no sidecar", line);
        Assert.Contains("must be given alone", line);
    }

    [Fact]
    public void A_sidecar_that_does_not_match_its_file_is_refused()
    {
        string shorter = CopyWithSidecar(_shards.Parts[0], _shards.Data.File("shorter.npy"), sidecar =>
        {
            sidecar["images"]!.AsArray().RemoveAt(0);
            sidecar["boxes"]!.AsArray().RemoveAt(0);
        });
        string line = Bad(Cluster(shorter, _shards.Parts[1], _shards.Parts[2]), "--features");
        Assert.Contains("the two were not written together", line);
    }

    [Theory]
    [InlineData("{\"images\": [\"a\"], \"boxes\": [[1, 2, 3]], \"model\": {\"sha256\": \"ab\"}, \"dims\": 4}", "has box 0 an array of 3 items")]
    [InlineData("{\"images\": [\"a\"], \"boxes\": [], \"model\": {\"sha256\": \"ab\"}, \"dims\": 4}", "has 1 images but 0 boxes")]
    [InlineData("{\"images\": [\"a\"], \"boxes\": [[1, 2, 3, 4]], \"model\": {}, \"dims\": 4}", "has no model \"sha256\"")]
    [InlineData("{\"images\": [\"a\"], \"boxes\": [[1, 2, 3, 4]], \"model\": {\"sha256\": \"ab\"}, \"dims\": 0}", "has a \"dims\" that is not a positive integer")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("{\"images\": ", "is not valid JSON")]
    public void A_malformed_sidecar_is_named(string json, string problem)
    {
        string part = _shards.Data.File("malformed.npy");
        File.Copy(_shards.Parts[0], part, overwrite: true);
        File.WriteAllText(part + ".json", json);
        string line = Bad(Cluster(part, _shards.Parts[1]), "--features");
        Assert.Contains($"the sidecar '{part}.json' {problem}", line);
    }

    [Theory]
    [InlineData("--images", "cannot be given with --features")]
    [InlineData("--model", "applies only with --images")]
    [InlineData("--features-out", "applies only with --images")]
    [InlineData("--shard", "applies only with --images")]
    public void An_extraction_option_with_features_is_refused(string option, string problem)
    {
        string value = option switch
        {
            "--images" => _shards.Data.Images,
            "--model" => Clustering.Features.FeatureFixtures.Model,
            "--shard" => "0/2",
            _ => _shards.Data.File("f.npy"),
        };
        string line = Bad([.. Cluster(_shards.Parts), option, value], option);
        Assert.Contains(problem, line);
    }

    [Fact]
    public void Resume_with_features_is_refused()
    {
        Assert.Contains("applies only with --images", Bad([.. Cluster(_shards.Parts), "--resume"], "--resume"));
    }

    [Fact]
    public void Neither_features_nor_images_is_refused()
    {
        string line = Bad(["cluster", "--predictions", _shards.Data.Predictions, "--output", _shards.Data.File("out.json")], "--features");
        Assert.Contains("or --images with --model", line);
    }

    [Fact]
    public void Images_without_a_model_is_refused()
    {
        var args = _shards.Data.Clustered("--output", _shards.Data.File("out.json")).ToList();
        args.RemoveRange(args.IndexOf("--model"), 2);
        Assert.Contains("is required with --images", Bad([.. args], "--model"));
    }

    [Theory]
    [InlineData(new[] { "--resume", "--output", "OUT" }, "--resume", "needs --features-out")]
    [InlineData(new[] { "--shard", "0/2" }, "--shard", "needs --features-out")]
    [InlineData(new[] { "--shard", "0/2", "--features-out", "F", "--output", "OUT" }, "--output", "does not apply to --shard")]
    [InlineData(new[] { "--shard", "2/2", "--features-out", "F" }, "--shard", "the part index must be in [0, 1]")]
    [InlineData(new[] { "--shard", "0/2", "--features-out", "F", "--k", "3" }, "--k", "does not apply to --shard")]
    [InlineData(new[] { "--shard", "0/2", "--features-out", "F", "--init", "scipy" }, "--init", "does not apply to --shard")]
    [InlineData(new[] { "--features-out", "F" }, "--output", "is required")]
    public void Extraction_options_that_do_not_fit_are_refused(string[] extra, string option, string problem)
    {
        var args = extra.Select(a => a switch { "OUT" => _shards.Data.File("out.json"), "F" => _shards.Data.File("f.npy"), _ => a }).ToArray();
        Assert.Contains(problem, Bad(_shards.Data.Args(args), option));
        Assert.False(File.Exists(_shards.Data.File("f.npy")));
    }

    [Fact]
    public void More_clusters_than_boxes_is_refused_before_any_feature_is_extracted()
    {
        int images = _shards.Data.SortedKeys.Length;
        string line = Bad(_shards.Data.Clustered("--features-out", _shards.Data.File("f.npy"), "--output", _shards.Data.File("out.json")).With("--k", $"{images + 1}"), "--k");
        Assert.Contains($"must be from 1 to the number of images ({images}), not {images + 1}", line);
        Assert.False(File.Exists(_shards.Data.File("f.npy")));
    }

    /// <summary>The box folder and its three shards' features, extracted once for every test of the class.</summary>
    public sealed class Shards : IDisposable
    {
        public Shards()
        {
            for (int i = 0; i < 3; i++)
            {
                string part = Data.File($"part{i}.npy");
                var run = CliRunner.Run(Data.Args("--shard", $"{i}/3", "--features-out", part));
                Assert.True(run.ExitCode == 0, run.Error);
                Parts[i] = part;
                PartKeys[i] = BoxImageFolder.Strings(BoxImageFolder.ReadJson(part + ".json"), "images");
            }
        }

        internal BoxImageFolder Data { get; } = new();

        public string[] Parts { get; } = new string[3];

        public string[][] PartKeys { get; } = new string[3][];

        public void Dispose() => Data.Dispose();
    }
}
