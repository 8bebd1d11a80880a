using LostEngine.Clustering.Features.Resize;

namespace LostEngine.Tests.Clustering.Features;

/// <summary>The size torchvision's <c>Resize(256)</c> picks: shorter side 256, longer side <c>int(256 · long / short)</c>.</summary>
public sealed class ShortSideResizeTests
{
    [Fact]
    public void Matches_torchvision_on_every_recorded_size()
    {
        int checkedSizes = 0;
        foreach (var c in FeatureFixtures.Root.GetProperty("target_sizes").EnumerateArray())
        {
            int height = c.GetProperty("height").GetInt32(), width = c.GetProperty("width").GetInt32();
            var resized = c.GetProperty("resized").EnumerateArray().Select(v => v.GetInt64()).ToArray();
            Assert.Equal((resized[0], resized[1]), ShortSideResize.Target(height, width));
            checkedSizes++;
        }
        Assert.True(checkedSizes > 300);
    }

    [Theory]
    [InlineData(3, 7, 256, 597)]
    [InlineData(7, 3, 597, 256)]
    [InlineData(256, 256, 256, 256)]
    [InlineData(1, 9000, 256, 2304000)]
    public void Truncates_the_long_side_and_keeps_the_width_short_on_a_square(int height, int width, long expectedHeight, long expectedWidth)
        => Assert.Equal((expectedHeight, expectedWidth), ShortSideResize.Target(height, width));
}
