using LostEngine.Clustering.Features.Resize;

namespace LostEngine.Tests.Clustering.Features;

/// <summary>The resize against torch's <c>F.interpolate(mode="bicubic", align_corners=False)</c> and torchvision's <c>Resize(256, interpolation=3)</c> on tensors.</summary>
public sealed class BicubicResizerTests
{
    // torch accumulates in an order its vectorised loops choose; the fixtures stay within 1.5e-6 (see CubicTaps).
    private const double Tolerance = 2e-6;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in FeatureFixtures.Root.GetProperty("bicubic").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_torch(string name)
    {
        var input = FeatureFixtures.Npy($"bicubic.{name}.input.npy");
        var expected = FeatureFixtures.Npy($"bicubic.{name}.output.npy");
        int channels = input.Shape[0], height = input.Shape[1], width = input.Shape[2];
        Assert.Equal(channels, expected.Shape[0]);
        if (name == "resize256")
        {
            // Resize(256) chooses the output size itself; the fixture holds what it chose.
            Assert.Equal(((long)expected.Shape[1], (long)expected.Shape[2]), ShortSideResize.Target(height, width));
        }
        var output = new float[expected.Values.Length];
        new BicubicResizer().Resize(input.Values, channels, height, width, output, expected.Shape[1], expected.Shape[2]);

        double worst = 0;
        for (int i = 0; i < output.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs((double)output[i] - expected.Values[i]));
        }
        Assert.True(worst <= Tolerance, $"{name}: largest difference {worst:E2} exceeds {Tolerance:E0}");
    }

    [Fact]
    public void Reuses_its_rows_for_a_smaller_resize_after_a_larger_one()
    {
        var large = FeatureFixtures.Npy("bicubic.down_odd.input.npy");
        var small = FeatureFixtures.Npy("bicubic.up_odd.input.npy");
        var expected = FeatureFixtures.Npy("bicubic.up_odd.output.npy");
        var resizer = new BicubicResizer();
        resizer.Resize(large.Values, 3, 53, 37, new float[3 * 60 * 60], 60, 60);
        var output = new float[expected.Values.Length];
        resizer.Resize(small.Values, 3, 5, 7, output, 13, 11);
        for (int i = 0; i < output.Length; i++)
        {
            Assert.True(Math.Abs(output[i] - expected.Values[i]) <= Tolerance, $"value {i}: {output[i]} vs {expected.Values[i]}");
        }
    }

    [Fact]
    public void Refuses_a_destination_too_small_for_its_planes()
    {
        var error = Assert.Throws<ArgumentException>(() => new BicubicResizer().Resize(new float[3 * 4 * 4], 3, 4, 4, new float[3 * 8 * 8 - 1], 8, 8));
        Assert.Contains("do not fit the buffers", error.Message);
    }
}
