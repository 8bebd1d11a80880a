using LostEngine.Catalog;

namespace LostEngine.Tests.Catalog;

/// <summary>The cache folder: LOSTENGINE_CACHE_DIR, else $XDG_CACHE_HOME/lostengine, else ~/.cache/lostengine.</summary>
public sealed class CatalogSettingsTests
{
    private static CatalogSettings Of(params (string Name, string Value)[] variables) =>
        CatalogSettings.FromEnvironment(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void The_variable_wins() =>
        Assert.Equal("/data/models", Of((CatalogSettings.CacheVariable, "/data/models"), ("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u")).CacheRoot);

    [Fact]
    public void A_relative_cache_is_taken_from_the_working_folder() =>
        Assert.Equal(Path.GetFullPath("models"), Of((CatalogSettings.CacheVariable, "models")).CacheRoot);

    [Fact]
    public void Xdg_cache_home_comes_next() =>
        Assert.Equal("/xdg/lostengine", Of(("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u")).CacheRoot);

    [Fact]
    public void A_relative_xdg_cache_home_is_ignored_as_the_specification_says() =>
        Assert.Equal("/home/u/.cache/lostengine", Of(("XDG_CACHE_HOME", "relative"), ("HOME", "/home/u")).CacheRoot);

    [Fact]
    public void An_empty_variable_counts_as_unset() =>
        Assert.Equal("/home/u/.cache/lostengine", Of((CatalogSettings.CacheVariable, ""), ("XDG_CACHE_HOME", ""), ("HOME", "/home/u")).CacheRoot);

    [Fact]
    public void No_home_at_all_is_bad_input_naming_the_variable()
    {
        var error = Assert.Throws<LostInputException>(() => Of());

        Assert.Equal(CatalogSettings.CacheVariable, error.InputName);
    }

    [Fact]
    public void The_official_site_is_the_default() =>
        Assert.Equal("https://dl.fbaipublicfiles.com/", Of(("HOME", "/home/u")).BaseUrl.AbsoluteUri);

    [Theory]
    [InlineData("dl.fbaipublicfiles.com")]
    [InlineData("file:///mnt/mirror")]
    [InlineData("https://mirror.example/models?token=1")]
    public void A_base_that_is_not_an_http_address_is_bad_input(string value)
    {
        var error = Assert.Throws<LostInputException>(() => Of((CatalogSettings.BaseUrlVariable, value), ("HOME", "/home/u")));

        Assert.Equal(CatalogSettings.BaseUrlVariable, error.InputName);
        Assert.Contains($"'{value}'", error.Problem);
    }
}
