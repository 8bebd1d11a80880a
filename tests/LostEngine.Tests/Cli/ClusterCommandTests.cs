using System.Text.Json;
using LostEngine.Cli.Clustering;
using LostEngine.Tests.Clustering;

namespace LostEngine.Tests.Cli;

/// <summary><c>lost cluster</c>: the reference's clustering of a predictions map's boxes, written as one JSON file.</summary>
public sealed class ClusterCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ClusterFiles _files;

    public ClusterCommandTests() => _files = new ClusterFiles(_folder);

    public void Dispose() => _folder.Dispose();

    private static JsonElement ReadJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>Names whose Python order differs from their insertion order and from a numeric order.</summary>
    private static string[] SortedNames(int count) =>
        Enumerable.Range(0, count).Select(i => $"img{i}.jpg").Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("blobs_f64_k10")]
    [InlineData("cls_like_f32")]
    public void Scipy_init_writes_scipys_labels_for_the_images_in_sorted_order(string caseName)
    {
        var fixture = ClusteringFixtures.Case(caseName);
        string[] names = SortedNames(fixture.Rows);
        string predictions = _files.Predictions(names.Reverse().ToArray());
        string features = ClusteringFixtures.File("kmeans2", $"{caseName}.features.npy");
        string output = _folder.File("clusters.json");

        var run = CliRunner.Run("cluster", "--predictions", predictions, "--features", features, "--k", fixture.K.ToString(),
            "--seed", fixture.Seed.ToString(), "--init", "scipy", "--output", output);

        Assert.True(run.ExitCode == 0, run.Error);
        var json = ReadJson(output);
        Assert.Equal(fixture.Labels, json.Ints("labels"));
        Assert.Equal(names, json.GetProperty("images").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(fixture.K, json.GetProperty("k").GetInt32());
        Assert.Equal(fixture.Seed, json.GetProperty("seed").GetUInt32());
        Assert.Equal("scipy", json.GetProperty("init").GetString());
        Assert.Equal(fixture.K, json.GetProperty("centres").GetArrayLength());
        Assert.All(json.GetProperty("centres").EnumerateArray(), centre => Assert.Equal(fixture.Dims, centre.GetArrayLength()));
        Assert.True(json.GetProperty("inertia").GetDouble() > 0);
        Assert.Equal(fixture.Labels.Length, run.Json.GetProperty("cluster_sizes").EnumerateArray().Sum(e => e.GetInt32()));
    }

    [Fact]
    public void Per_image_holds_each_images_pseudo_label_and_its_box_as_the_predictions_gave_it()
    {
        string predictions = _files.Predictions([("b.jpg", [1, 2, 30, 40]), ("a.jpg", [0.5, 1, 7, 9.25]), ("c.jpg", null), ("d.jpg", [3, 3, 5, 8])]);
        string features = _files.Float64([1, 0, 0.9, 0.2, 0, 1], "(3, 2)");
        string output = _folder.File("clusters.json");

        var run = CliRunner.Run("cluster", "--predictions", predictions, "--features", features, "--k", "2", "--output", output);

        Assert.True(run.ExitCode == 0, run.Error);
        string text = File.ReadAllText(output);
        Assert.Contains("\"a.jpg\":{\"pseudo_label\":", text);
        Assert.Contains("\"predicted_bb\":[0.5,1,7,9.25]", text);
        Assert.Contains("\"predicted_bb\":[1,2,30,40]", text);
        var json = ReadJson(output);
        int[] labels = json.Ints("labels");
        var perImage = json.GetProperty("per_image");
        Assert.Equal(["a.jpg", "b.jpg", "d.jpg"], perImage.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(labels, perImage.EnumerateObject().Select(p => p.Value.GetProperty("pseudo_label").GetInt32()).ToArray());
        Assert.Equal(labels[0], labels[1]);
        Assert.NotEqual(labels[0], labels[2]);
    }

    [Fact]
    public void Images_are_in_code_point_order_as_python_sorts_them()
    {
        string[] names = ["\U0001F600.jpg", "\uFF01.jpg", "Z.jpg", "a.jpg", "é.jpg"];

        string[] sorted = names.Order(PythonStringOrder.Instance).ToArray();

        // Python: sorted(['😀.jpg', '！.jpg', 'Z.jpg', 'a.jpg', 'é.jpg']) == ['Z.jpg', 'a.jpg', 'é.jpg', '！.jpg', '😀.jpg']
        Assert.Equal(["Z.jpg", "a.jpg", "é.jpg", "\uFF01.jpg", "\U0001F600.jpg"], sorted);
        Assert.True(string.CompareOrdinal("\U0001F600.jpg", "\uFF01.jpg") < 0, "ordinal order puts the surrogate pair first");
    }

    [Fact]
    public void The_same_arguments_write_the_same_bytes()
    {
        var fixture = ClusteringFixtures.Case("cls_like_f32");
        string predictions = _files.Predictions(SortedNames(fixture.Rows));
        string features = ClusteringFixtures.File("kmeans2", "cls_like_f32.features.npy");
        string first = _folder.File("first.json");
        string second = _folder.File("second.json");

        CliRunner.Run("cluster", "--predictions", predictions, "--features", features, "--restarts", "3", "--output", first);
        CliRunner.Run("cluster", "--predictions", predictions, "--features", features, "--restarts", "3", "--output", second);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal("kmeans++", ReadJson(first).GetProperty("init").GetString());
        Assert.Equal(20, ReadJson(first).GetProperty("k").GetInt32());
        Assert.Equal(123, ReadJson(first).GetProperty("seed").GetInt32());
        Assert.Empty(Directory.GetFiles(_folder.Path, "*.partial"));
    }
}
