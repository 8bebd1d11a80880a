using System.Text.Json;

namespace LostEngine.Catalog;

/// <summary>
/// The official models <c>lost</c> knows by name, read from <c>catalog.json</c> (built into the assembly, so the
/// list is data that a reviewer reads beside the READMEs it was copied from).
/// </summary>
internal static class ModelCatalog
{
    private static readonly Lazy<(Uri BaseUrl, IReadOnlyList<CatalogEntry> Entries)> Content = new(Load);

    /// <summary>The site the catalogue's paths are published on, unless <c>LOSTENGINE_MODEL_BASE_URL</c> replaces it.</summary>
    public static Uri DefaultBaseUrl => Content.Value.BaseUrl;

    /// <summary>Every model, in the catalogue's order (DINO, then DINOv2, small to large).</summary>
    public static IReadOnlyList<CatalogEntry> Entries => Content.Value.Entries;

    /// <summary>The model called <paramref name="name"/> (exactly, as names are typed in scripts), or null.</summary>
    public static CatalogEntry? Find(string name) =>
        Entries.FirstOrDefault(entry => string.Equals(entry.Name, name, StringComparison.Ordinal));

    private static (Uri, IReadOnlyList<CatalogEntry>) Load()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream("LostEngine.Catalog.catalog.json")
            ?? throw new InvalidOperationException("catalog.json is not built into LostEngine.dll.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var baseUrl = new Uri(root.GetProperty("base_url").GetString()!, UriKind.Absolute);
        var entries = root.GetProperty("models").EnumerateArray().Select(model => new CatalogEntry(
            model.GetProperty("name").GetString()!,
            new ModelArchitecture(
                model.GetProperty("family").GetString() switch
                {
                    "dino" => ModelFamily.Dino,
                    "dinov2" => ModelFamily.DinoV2,
                    var other => throw new InvalidOperationException($"catalog.json: unknown family '{other}'."),
                },
                model.GetProperty("embed_dim").GetInt32(),
                model.GetProperty("patch").GetInt32(),
                model.GetProperty("registers").GetInt32()),
            model.GetProperty("path").GetString()!)).ToArray();
        return (baseUrl, entries);
    }
}
