using System.Security.Cryptography;
using LostEngine.Cli.Clustering;
using LostEngine.Tests.Clustering.Features;

namespace LostEngine.Tests.Cli;

/// <summary>What a features sidecar records of the model: the catalogue name it was asked for by, or the file's path, and always its digest.</summary>
public sealed class FeatureModelTests
{
    private static readonly string Digest = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(FeatureFixtures.Model)));

    [Fact]
    public void A_catalogue_name_is_recorded_as_the_name_with_the_cached_files_digest()
    {
        var model = FeatureModel.Of("dino-vits16", FeatureFixtures.Model);
        Assert.Equal(new FeatureModel("dino-vits16", null, Digest), model);
    }

    [Fact]
    public void A_file_is_recorded_by_its_full_path()
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, FeatureFixtures.Model);
        Assert.Equal(new FeatureModel(null, Path.GetFullPath(FeatureFixtures.Model), Digest), FeatureModel.Of(relative, relative));
    }
}
