using LostEngine.Imaging;
using LostEngine.Pipeline;
using LostEngine.Tests.Imaging;
using LostEngine.Tests.Kernel;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Pipeline;

/// <summary>
/// A frame handed to the localizer in any pixel format gives the file's result and, once warm, allocates nothing,
/// for every method. Runs alone (<see cref="AllocationCollection"/>) and past tiered compilation
/// (<see cref="Allocations.WarmUp"/>): with one warm-up call, the runtime's own tier-up work showed up now and then as
/// a few kilobytes on the calling thread when other tests ran beside it.
/// </summary>
[Collection(nameof(AllocationCollection))]
public sealed class LocalizerAllocationTests
{
    [Theory]
    [InlineData(LocalizationMethod.Lost)]
    [InlineData(LocalizationMethod.TokenCut)]
    [InlineData(LocalizationMethod.MaskCut)]
    public void A_frame_in_every_format_gives_the_file_result_and_allocates_nothing_in_steady_state(LocalizationMethod method)
    {
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel, Method = method });
        var decoder = new ImageDecoder();
        var image = decoder.DecodeFile(Fixtures.Tiny("wide_100x75.png"));
        var rgb = new byte[image.Width * image.Height * 3];
        for (int i = 0; i < image.Width * image.Height; i++)
        {
            decoder.Pixels.Slice(i * 4, 3).CopyTo(rgb.AsSpan(i * 3));
        }
        var fromFile = localizer.LocalizeFile(Fixtures.Tiny("wide_100x75.png"));
        var frames = Enum.GetValues<PixelFormat>().Select(format =>
        {
            int stride = image.Width * format.BytesPerPixel() + 8;
            return (Format: format, Stride: stride, Pixels: ReferencePreprocessing.Layout(rgb, image.Width, image.Height, format, stride));
        }).ToArray();

        foreach (var (format, stride, pixels) in frames)
        {
            var result = localizer.Localize(pixels, image.Width, image.Height, stride, format);
            Assert.Equal(fromFile.Box, result.Box);
            Assert.Equal(fromFile.Seed, result.Seed);
        }
        Allocations.WarmUp(() =>
        {
            foreach (var (format, stride, pixels) in frames)
            {
                localizer.Localize(pixels, image.Width, image.Height, stride, format);
            }
        });
        foreach (var (format, stride, pixels) in frames)
        {
            Assert.Equal(0, Allocations.OnCallingThread(() => localizer.Localize(pixels, image.Width, image.Height, stride, format), 5));
        }
    }
}
