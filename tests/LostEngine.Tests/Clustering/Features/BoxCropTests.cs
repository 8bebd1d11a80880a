using LostEngine.Clustering.Features.Crop;
using LostEngine.Evaluation;

namespace LostEngine.Tests.Clustering.Features;

/// <summary>The crop of cluster_for_OD.py: <c>img[:, round(y1):round(y2), round(x1):round(x2)]</c>.</summary>
public sealed class BoxCropTests
{
    public static TheoryData<int> AllCases => FeatureFixtures.Indices(FeatureFixtures.Boxes());

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Crops_what_the_reference_crops(int index)
    {
        var c = FeatureFixtures.Boxes()[index];
        var (width, height) = ImageSize(c.Image);
        var region = BoxCrop.Of(c.Box, width, height);
        Assert.Equal((c.CropHeight, c.CropWidth), (region.Height, region.Width));
        Assert.Equal(c.Error is not null, region.IsEmpty);
    }

    [Theory]
    [InlineData(2.5, 3.5, 2, 2)]
    [InlineData(3.5, 4.5, 4, 0)]
    [InlineData(-0.5, 1.5, 0, 2)]
    [InlineData(-3, 50, 97, 0)]
    [InlineData(-3, 100, 97, 3)]
    [InlineData(90, 200, 90, 10)]
    [InlineData(-500, 7, 0, 7)]
    public void Rounds_halves_to_even_and_slices_as_python(double x1, double x2, int left, int width)
    {
        var region = BoxCrop.Of(new BoundingBox(x1, 0, x2, 10), 100, 10);
        Assert.Equal((left, width), (region.Left, region.Width));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Refuses_a_coordinate_that_is_not_finite(double y2)
    {
        var error = Assert.Throws<ArgumentException>(() => BoxCrop.Of(new BoundingBox(0, 0, 5, y2), 10, 10));
        Assert.Contains("is not a finite number", error.Message);
    }

    private static (int Width, int Height) ImageSize(string name)
    {
        foreach (var image in System.Text.Json.JsonDocument.Parse(File.ReadAllText(Model.Fixtures.Tiny("manifest.json")))
                     .RootElement.GetProperty("images").EnumerateArray())
        {
            if (image.GetProperty("name").GetString() == name)
            {
                return (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32());
            }
        }
        throw new KeyNotFoundException(name);
    }
}
