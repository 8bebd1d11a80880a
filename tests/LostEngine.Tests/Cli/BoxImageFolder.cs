using System.Text.Json;
using LostEngine.IO;
using LostEngine.Tests.Clustering.Features;

namespace LostEngine.Tests.Cli;

/// <summary>
/// The box cases of tests/fixtures/clustering/features laid out as <c>lost cluster --images</c> reads them: one copy
/// of each case's image per box (a predictions map has one box per image), some in a subfolder, with the map and the
/// reference's feature of each box.
/// </summary>
internal sealed class BoxImageFolder : IDisposable
{
    // The thin crops resized to thousands of pixels are the extractor's own tests; these runs keep to the quick ones.
    private const int MaxResizedPixels = 300_000;

    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, double[]?> _map = new(StringComparer.Ordinal);

    public BoxImageFolder()
    {
        Directory.CreateDirectory(Images);
        var official = FeatureFixtures.Npy("features.npy");
        Dims = official.Shape[1];
        foreach (var c in FeatureFixtures.Boxes().Where(c => c.Row is { } && c.ResizedHeight * c.ResizedWidth <= MaxResizedPixels))
        {
            string key = c.Index % 3 == 0 ? $"sub/case{c.Index:D2}.png" : $"case{c.Index:D2}.png";
            AddImage(key, c.ImagePath, [c.Box.X1, c.Box.Y1, c.Box.X2, c.Box.Y2]);
            Expected[key] = official.Values.AsSpan(c.Row!.Value * Dims, Dims).ToArray();
        }
        Predictions = WriteMap();
    }

    /// <summary>The <c>--images</c> folder.</summary>
    public string Images => _folder.File("images");

    /// <summary>The predictions map of every image added.</summary>
    public string Predictions { get; private set; }

    public int Dims { get; }

    /// <summary>The reference's feature of each good image's box, by key.</summary>
    public Dictionary<string, float[]> Expected { get; } = new(StringComparer.Ordinal);

    /// <summary>The keys with a reference feature, in Python's sorted order (ASCII here, so ordinal).</summary>
    public string[] SortedKeys => [.. Expected.Keys.Order(StringComparer.Ordinal)];

    public string File(string name) => _folder.File(name);

    /// <summary>Adds <paramref name="key"/> to the map with <paramref name="box"/>, its file a copy of <paramref name="source"/> (none when null).</summary>
    public void AddImage(string key, string? source, double[] box)
    {
        if (source is not null)
        {
            string path = Path.Combine(Images, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            System.IO.File.Copy(source, path);
        }
        _map[key] = box;
        Predictions = WriteMap();
    }

    /// <summary>The reference's features in the order of <see cref="SortedKeys"/>, as one float32 file with no sidecar.</summary>
    public string ReferenceFeatures()
    {
        var values = SortedKeys.SelectMany(key => Expected[key]).ToArray();
        return new ClusterFiles(_folder).Float32(values, $"({SortedKeys.Length}, {Dims})", "reference.npy");
    }

    /// <summary>A run of the tiny model over the folder, without clustering options.</summary>
    public string[] Args(params string[] extra) =>
        ["cluster", "--predictions", Predictions, "--images", Images, "--model", FeatureFixtures.Model, "--quiet", .. extra];

    /// <summary>A run that clusters the boxes into 3 as the reference does.</summary>
    public string[] Clustered(params string[] extra) => Args(["--k", "3", "--init", "scipy", .. extra]);

    public static NpyArray ReadFeatures(string path) => NpyReader.Read(path);

    public static JsonElement ReadJson(string path)
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    public static string[] Strings(JsonElement json, string property) =>
        json.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();

    public void Dispose() => _folder.Dispose();

    private string WriteMap() => _folder.Write("preds.json", JsonSerializer.Serialize(_map));
}
