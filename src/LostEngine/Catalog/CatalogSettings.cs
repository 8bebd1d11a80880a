namespace LostEngine.Catalog;

/// <summary>Where pulled models are kept and where they are downloaded from, as the environment says.</summary>
/// <param name="CacheRoot">The cache folder, as a full path.</param>
/// <param name="BaseUrl">The site every catalogue path is appended to.</param>
internal sealed record CatalogSettings(string CacheRoot, Uri BaseUrl)
{
    /// <summary>The cache folder; it wins over <c>XDG_CACHE_HOME</c> and the home folder.</summary>
    public const string CacheVariable = "LOSTENGINE_CACHE_DIR";

    /// <summary>A mirror with the official layout below it, replacing <see cref="ModelCatalog.DefaultBaseUrl"/>.</summary>
    public const string BaseUrlVariable = "LOSTENGINE_MODEL_BASE_URL";

    /// <summary>
    /// The settings from <paramref name="variable"/> (an environment lookup): the cache is
    /// <c>LOSTENGINE_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/lostengine</c>, else <c>~/.cache/lostengine</c>.
    /// </summary>
    /// <exception cref="LostInputException">A variable holds something unusable, or no cache folder can be named.</exception>
    public static CatalogSettings FromEnvironment(Func<string, string?> variable) =>
        new(CacheRootOf(variable), BaseUrlOf(variable(BaseUrlVariable)));

    private static string CacheRootOf(Func<string, string?> variable)
    {
        if (variable(CacheVariable) is { Length: > 0 } cache)
        {
            return Path.GetFullPath(cache);
        }
        // The XDG specification says a relative value is invalid and to be ignored.
        if (variable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "lostengine");
        }
        if ((variable("HOME") ?? variable("USERPROFILE")) is { Length: > 0 } home)
        {
            return Path.Combine(home, ".cache", "lostengine");
        }
        throw new LostInputException(CacheVariable, "is not set, and neither XDG_CACHE_HOME nor HOME says where a cache could go; set it to a folder for downloaded models.");
    }

    private static Uri BaseUrlOf(string? value)
    {
        if (value is not { Length: > 0 })
        {
            return ModelCatalog.DefaultBaseUrl;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw new LostInputException(BaseUrlVariable, $"'{value}' is not an http:// or https:// address without a query (a mirror with the layout of {ModelCatalog.DefaultBaseUrl.AbsoluteUri.TrimEnd('/')} below it).");
        }
        return url;
    }
}
