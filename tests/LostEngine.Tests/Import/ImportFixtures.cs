using System.Collections.Concurrent;
using System.Text.Json;
using LostEngine.ModelImport;
using LostEngine.ModelImport.Templates;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Import;

/// <summary>
/// tests/fixtures/import (made by its make_import_fixtures.py from the official DINO and DINOv2 code): small variants
/// with their templates, weights and official outputs, and the real architectures' official state-dict shapes.
/// </summary>
internal static class ImportFixtures
{
    private static readonly Lazy<string> Root = new(() => Path.Combine(
        Reference.ReferenceCaseFolder.RepositoryRoot
            ?? throw new DirectoryNotFoundException($"LostEngine.sln not found above {AppContext.BaseDirectory}."),
        "tests", "fixtures", "import"));

    private static readonly Lazy<JsonDocument> Manifest = new(() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Root.Value, "manifest.json"))));
    private static readonly ConcurrentDictionary<string, Lazy<string>> Imported = new();

    public static string File_(params string[] parts) => Path.Combine([Root.Value, .. parts]);

    public static IEnumerable<string> Variants() => Manifest.Value.RootElement.GetProperty("variants").EnumerateObject().Select(p => p.Name).ToArray();

    public static JsonElement Variant(string variant) => Manifest.Value.RootElement.GetProperty("variants").GetProperty(variant);

    public static JsonElement Real(string name) => Manifest.Value.RootElement.GetProperty("real").GetProperty(name);

    /// <summary>(variant, image) of every test image of every variant.</summary>
    public static TheoryData<string, string> Cases(bool robustOnly = false)
    {
        var data = new TheoryData<string, string>();
        foreach (var variant in Variants())
        {
            foreach (var image in Variant(variant).GetProperty("images").EnumerateArray())
            {
                if (!robustOnly || image.GetProperty("robust").GetBoolean())
                {
                    data.Add(variant, image.GetProperty("image").GetString()!);
                }
            }
        }
        return data;
    }

    /// <summary>The PNG of <paramref name="image"/> for <paramref name="variant"/>.</summary>
    public static string ImagePath(string variant, string image)
    {
        var entry = Variant(variant).GetProperty("images").EnumerateArray().Single(i => i.GetProperty("image").GetString() == image);
        return Path.GetFullPath(File_(entry.GetProperty("file").GetString()!));
    }

    public static OnnxTemplate Template(string variant) => OnnxTemplate.Parse(File.ReadAllBytes(File_(variant, "template.onnx")), variant);

    /// <summary>The official model's state dict, one tensor per .npy file.</summary>
    public static List<NamedTensor> Weights(string variant)
        => Directory.GetFiles(File_(variant, "weights"), "*.npy")
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var array = TestNpy.Read(path);
                return new NamedTensor(Path.GetFileNameWithoutExtension(path), array.Shape, array.Values);
            })
            .ToList();

    /// <summary>An official output of the variant on the image (q, k, v, cls_attention, cls_embedding).</summary>
    public static NpyArray Official(string variant, string image, string output) => TestNpy.Read(File_(variant, $"{image}.{output}.npy"));

    public static JsonDocument Lost(string variant, string image) => JsonDocument.Parse(File.ReadAllText(File_(variant, $"{image}.lost.json")));

    /// <summary>The variant's template filled with its weights, written once per test run.</summary>
    public static string ImportedModel(string variant) => Imported.GetOrAdd(variant, v => new Lazy<string>(() =>
    {
        string path = Path.Combine(Fixtures.TempFolder(), $"{v}.onnx");
        OnnxModelWriter.Write(Template(v), Weights(v), path, new OnnxWriteOptions { Source = $"{v} fixture" });
        return path;
    })).Value;

    /// <summary>The official tensor names and shapes of a released architecture.</summary>
    public static Dictionary<string, int[]> OfficialStateDict(string template)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(File_("official-state-dicts.json")));
        return document.RootElement.GetProperty(template).EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(d => d.GetInt32()).ToArray());
    }

    public static IEnumerable<string> OfficialArchitectures()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(File_("official-state-dicts.json")));
        return document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
    }
}
