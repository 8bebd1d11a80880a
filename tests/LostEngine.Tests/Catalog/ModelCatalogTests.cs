using LostEngine.Catalog;

namespace LostEngine.Tests.Catalog;

/// <summary>The catalogue holds the official checkpoints under the names the issue gives, at the READMEs' addresses.</summary>
public sealed class ModelCatalogTests
{
    /// <summary>The backbone links of the READMEs of facebookresearch/dino and facebookresearch/dinov2.</summary>
    public static TheoryData<string, string, string> Official => new()
    {
        { "dino-vits16", "https://dl.fbaipublicfiles.com/dino/dino_deitsmall16_pretrain/dino_deitsmall16_pretrain.pth", "DINO ViT-S/16" },
        { "dino-vits8", "https://dl.fbaipublicfiles.com/dino/dino_deitsmall8_pretrain/dino_deitsmall8_pretrain.pth", "DINO ViT-S/8" },
        { "dino-vitb16", "https://dl.fbaipublicfiles.com/dino/dino_vitbase16_pretrain/dino_vitbase16_pretrain.pth", "DINO ViT-B/16" },
        { "dino-vitb8", "https://dl.fbaipublicfiles.com/dino/dino_vitbase8_pretrain/dino_vitbase8_pretrain.pth", "DINO ViT-B/8" },
        { "dinov2-vits14", "https://dl.fbaipublicfiles.com/dinov2/dinov2_vits14/dinov2_vits14_pretrain.pth", "DINOv2 ViT-S/14" },
        { "dinov2-vits14-reg", "https://dl.fbaipublicfiles.com/dinov2/dinov2_vits14/dinov2_vits14_reg4_pretrain.pth", "DINOv2 ViT-S/14 with 4 registers" },
        { "dinov2-vitb14", "https://dl.fbaipublicfiles.com/dinov2/dinov2_vitb14/dinov2_vitb14_pretrain.pth", "DINOv2 ViT-B/14" },
        { "dinov2-vitb14-reg", "https://dl.fbaipublicfiles.com/dinov2/dinov2_vitb14/dinov2_vitb14_reg4_pretrain.pth", "DINOv2 ViT-B/14 with 4 registers" },
        { "dinov2-vitl14", "https://dl.fbaipublicfiles.com/dinov2/dinov2_vitl14/dinov2_vitl14_pretrain.pth", "DINOv2 ViT-L/14" },
        { "dinov2-vitl14-reg", "https://dl.fbaipublicfiles.com/dinov2/dinov2_vitl14/dinov2_vitl14_reg4_pretrain.pth", "DINOv2 ViT-L/14 with 4 registers" },
        { "dinov2-vitg14", "https://dl.fbaipublicfiles.com/dinov2/dinov2_vitg14/dinov2_vitg14_pretrain.pth", "DINOv2 ViT-g/14" },
        { "dinov2-vitg14-reg", "https://dl.fbaipublicfiles.com/dinov2/dinov2_vitg14/dinov2_vitg14_reg4_pretrain.pth", "DINOv2 ViT-g/14 with 4 registers" },
    };

    [Theory]
    [MemberData(nameof(Official))]
    public void Each_official_model_is_at_its_published_address(string name, string url, string architecture)
    {
        var entry = ModelCatalog.Find(name);

        Assert.NotNull(entry);
        Assert.Equal(url, entry.Url(ModelCatalog.DefaultBaseUrl).AbsoluteUri);
        Assert.Equal(architecture, entry.Architecture.ToString());
    }

    [Fact]
    public void The_catalogue_holds_exactly_the_official_models()
    {
        Assert.Equal(Official.Select(row => (string)row[0]), ModelCatalog.Entries.Select(entry => entry.Name));
    }

    [Theory]
    [InlineData("https://mirror.example", "https://mirror.example/dinov2/dinov2_vits14/dinov2_vits14_pretrain.pth")]
    [InlineData("https://mirror.example/", "https://mirror.example/dinov2/dinov2_vits14/dinov2_vits14_pretrain.pth")]
    [InlineData("http://10.0.0.5:8080/models/meta", "http://10.0.0.5:8080/models/meta/dinov2/dinov2_vits14/dinov2_vits14_pretrain.pth")]
    [InlineData("http://10.0.0.5:8080/models/meta/", "http://10.0.0.5:8080/models/meta/dinov2/dinov2_vits14/dinov2_vits14_pretrain.pth")]
    public void A_mirror_keeps_the_layout_below_its_address(string mirror, string expected)
    {
        var settings = CatalogSettings.FromEnvironment(name => name switch
        {
            CatalogSettings.BaseUrlVariable => mirror,
            CatalogSettings.CacheVariable => "/tmp/cache",
            _ => null,
        });

        Assert.Equal(expected, ModelCatalog.Find("dinov2-vits14")!.Url(settings.BaseUrl).AbsoluteUri);
    }
}
