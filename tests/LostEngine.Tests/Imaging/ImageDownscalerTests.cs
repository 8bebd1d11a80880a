using LostEngine.Imaging;
using LostEngine.Kernel;
using LostEngine.Pipeline;

namespace LostEngine.Tests.Imaging;

/// <summary>The documented resize of <c>--max-side</c>: its target size, its area average, and boxes mapped back.</summary>
public sealed class ImageDownscalerTests
{
    [Theory]
    [InlineData(4000, 3000, 1024, 1024, 768)]
    [InlineData(3000, 4000, 1024, 768, 1024)]
    [InlineData(1000, 333, 100, 100, 33)]
    [InlineData(1000, 335, 100, 100, 34)]
    [InlineData(1001, 3, 100, 100, 1)]
    [InlineData(90, 60, 100, 90, 60)]
    [InlineData(100, 100, 100, 100, 100)]
    public void The_longer_side_becomes_max_side_and_the_shorter_is_rounded_half_up(int width, int height, int maxSide, int targetWidth, int targetHeight)
    {
        Assert.Equal((targetWidth, targetHeight), ImageDownscaler.TargetSize(width, height, maxSide));
    }

    [Fact]
    public void Without_a_max_side_the_size_is_kept()
    {
        Assert.Equal((4000, 3000), ImageDownscaler.TargetSize(4000, 3000, null));
    }

    [Fact]
    public void Each_output_pixel_is_the_mean_of_the_area_it_covers_rounded_half_up()
    {
        // One grey channel row of 3 pixels to 2: the first covers pixel 0 and half of pixel 1.
        byte[] source = [10, 20, 41];
        var destination = new byte[2];
        ImageDownscaler.Downscale(source, 3, 1, 3, 1, destination, 2, 1, new long[2]);
        // (10 + 20 / 2) / 1.5 = 13.33 -> 13; (20 / 2 + 41) / 1.5 = 34
        Assert.Equal([13, 34], destination);
    }

    [Fact]
    public void Two_by_two_blocks_average_exactly_and_channels_stay_apart()
    {
        // Two RGB pixels wide, two high, to one pixel: (1 + 2 + 3 + 4) / 4 = 2.5 -> 3, 100.25 -> 100, 201.25 -> 201.
        byte[] source = [1, 100, 200, 2, 100, 201, 3, 100, 202, 4, 101, 202];
        var destination = new byte[3];
        ImageDownscaler.Downscale(source, 2, 2, 6, 3, destination, 1, 1, new long[3]);
        Assert.Equal([3, 100, 201], destination);
    }

    [Fact]
    public void Rows_are_read_at_their_stride()
    {
        byte[] source = [10, 30, 99, 99, 50, 70, 99, 99];
        var destination = new byte[1];
        ImageDownscaler.Downscale(source, 2, 2, 4, 1, destination, 1, 1, new long[1]);
        Assert.Equal([40], destination);
    }

    [Fact]
    public void A_box_goes_back_with_its_minima_floored_and_its_maxima_ceiled_and_clipped()
    {
        var result = new LocalizationResult(1000, 335, 7, 7, LocalizationMethod.Lost, default, default, default, default, default)
        {
            ModelWidth = 100,
            ModelHeight = 34,
        };
        // x: 10 * 1000 / 100 = 100; 33 * 335 / 34 = 325.1 -> 325; 55 -> 550; 34 * 335 / 34 = 335.
        Assert.Equal(new PixelBox(100, 325, 550, 335), result.ToImagePixels(new PixelBox(10, 33, 55, 34)));
        // 7 * 335 / 34 = 68.97: floored to 68 as a minimum, ceiled to 69 as a maximum.
        Assert.Equal(new PixelBox(0, 68, 1000, 69), result.ToImagePixels(new PixelBox(0, 7, 100, 7)));
    }

    [Fact]
    public void A_result_at_its_own_size_keeps_its_box()
    {
        var result = new LocalizationResult(100, 75, 5, 7, LocalizationMethod.Lost, default, default, default, default, default);
        Assert.Equal((100, 75), (result.ModelWidth, result.ModelHeight));
        Assert.Equal(new PixelBox(1, 2, 3, 4), result.ToImagePixels(new PixelBox(1, 2, 3, 4)));
    }
}
