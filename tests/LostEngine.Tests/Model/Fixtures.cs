using System.Text.Json;

namespace LostEngine.Tests.Model;

/// <summary>Paths to the committed fixtures (tests/fixtures), found from the test binary's folder upwards.</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Root = new(() => Path.Combine(
        Reference.ReferenceCaseFolder.RepositoryRoot
            ?? throw new DirectoryNotFoundException($"LostEngine.sln not found above {AppContext.BaseDirectory}."),
        "tests", "fixtures"));

    public static string Tiny(string file) => Path.Combine(Root.Value, "tiny", file);

    public static string TinyModel => Tiny("tiny-vit.onnx");

    public static string BrokenModel(string file) => Path.Combine(Root.Value, "models", file);

    /// <summary>Names of the PNG fixtures with PyTorch tensors.</summary>
    public static IEnumerable<string> PngNames()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Tiny("manifest.json")));
        return manifest.RootElement.GetProperty("images").EnumerateArray()
            .Where(i => i.GetProperty("exact").GetBoolean())
            .Select(i => i.GetProperty("name").GetString()!)
            .ToArray();
    }

    /// <summary>Names of the PNG fixtures that also have their preprocessed <c>pixel_values.npy</c>.</summary>
    public static IEnumerable<string> PixelValueNames()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Tiny("manifest.json")));
        return manifest.RootElement.GetProperty("images").EnumerateArray()
            .Where(i => i.GetProperty("pixel_values").GetBoolean())
            .Select(i => i.GetProperty("name").GetString()!)
            .ToArray();
    }

    public static JsonDocument Lost(string name) => JsonDocument.Parse(File.ReadAllText(Tiny($"{name}.lost.json")));

    public static TheoryData<string> AsTheory(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var n in names)
        {
            data.Add(n);
        }
        return data;
    }

    /// <summary>A fresh temporary folder for one test.</summary>
    public static string TempFolder()
    {
        string path = Path.Combine(TestTempRoot.Path_, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
