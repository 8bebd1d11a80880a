namespace LostEngine.Catalog;

/// <summary>One official model of the catalogue: the name users type and where its checkpoint is published.</summary>
/// <param name="Name">The name <c>lost model pull</c> and <c>--model</c> take, such as <c>dinov2-vits14-reg</c>.</param>
/// <param name="Architecture">What the checkpoint holds; an import that finds anything else is refused.</param>
/// <param name="Path">The checkpoint's path below the download site, starting with '/'.</param>
internal sealed record CatalogEntry(string Name, ModelArchitecture Architecture, string Path)
{
    /// <summary>The checkpoint's file name, as published.</summary>
    public string FileName => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>The checkpoint's address on the site <paramref name="baseUrl"/> (the same layout below it).</summary>
    public Uri Url(Uri baseUrl) => new(baseUrl.AbsoluteUri.TrimEnd('/') + Path);
}
