using System.Text.Json;
using LostEngine.Evaluation;
using LostEngine.IO;

namespace LostEngine.Tests.Clustering.Features;

/// <summary>tests/fixtures/clustering/features, made by its make_features.py from the reference's own steps.</summary>
internal static class FeatureFixtures
{
    private static readonly Lazy<string> Folder = new(() => System.IO.Path.Combine(
        Reference.ReferenceCaseFolder.RepositoryRoot
            ?? throw new DirectoryNotFoundException($"LostEngine.sln not found above {AppContext.BaseDirectory}."),
        "tests", "fixtures", "clustering", "features"));

    private static readonly Lazy<JsonDocument> Manifest = new(() => JsonDocument.Parse(System.IO.File.ReadAllText(Path("manifest.json"))));

    public static string Path(string name) => System.IO.Path.Combine(Folder.Value, name);

    /// <summary>The tiny test ViT exported with its cls_embedding output.</summary>
    public static string Model => Path("tiny-vit-cls.onnx");

    public static JsonElement Root => Manifest.Value.RootElement;

    public static NpyArray Npy(string name) => NpyReader.Read(Path(name));

    /// <summary>Every box case: its index in the manifest, with what the reference made of it.</summary>
    public static IReadOnlyList<BoxCase> Boxes() => Root.GetProperty("boxes").EnumerateArray().Select((e, i) => BoxCase.From(e, i)).ToArray();

    public static TheoryData<int> Indices(IEnumerable<BoxCase> cases)
    {
        var data = new TheoryData<int>();
        foreach (var c in cases)
        {
            data.Add(c.Index);
        }
        return data;
    }

    internal sealed record BoxCase(int Index, string Image, BoundingBox Box, int CropHeight, int CropWidth, int? ResizedHeight,
        int? ResizedWidth, int? Row, string? Error, string Why)
    {
        public string ImagePath => LostEngine.Tests.Model.Fixtures.Tiny($"{Image}.png");

        public static BoxCase From(JsonElement e, int index)
        {
            var b = e.GetProperty("box").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var crop = e.GetProperty("crop");
            int? Resized(string side) => e.TryGetProperty("resized", out var r) ? r.GetProperty(side).GetInt32() : null;
            return new BoxCase(index, e.GetProperty("image").GetString()!, new BoundingBox(b[0], b[1], b[2], b[3]),
                crop.GetProperty("height").GetInt32(), crop.GetProperty("width").GetInt32(), Resized("height"), Resized("width"),
                e.TryGetProperty("row", out var row) ? row.GetInt32() : null,
                e.TryGetProperty("error", out var error) ? error.GetString() : null, e.GetProperty("why").GetString()!);
        }
    }
}
