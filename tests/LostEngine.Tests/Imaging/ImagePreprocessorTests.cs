using LostEngine.Imaging;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Imaging;

/// <summary>
/// Preprocessing against the two-step formula computed independently (tolerance 1e-6 absolute: the engine folds it
/// into one multiply-add), against the PyTorch fixtures, and across pixel formats, strides and code paths.
/// </summary>
public sealed class ImagePreprocessorTests
{
    private const double Tolerance = 1e-6;

    public static TheoryData<int, int, PixelFormat> Frames()
    {
        var data = new TheoryData<int, int, PixelFormat>();
        foreach (var format in Enum.GetValues<PixelFormat>())
        {
            foreach (var (w, h) in new[] { (1, 1), (7, 3), (17, 9), (33, 31), (64, 16) })
            {
                data.Add(w, h, format);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Every_format_and_a_wide_stride_match_the_formula_with_zero_padding(int width, int height, PixelFormat format)
    {
        var rgb = ReferencePreprocessing.RandomRgb(width, height, width * 1000 + height);
        int stride = width * format.BytesPerPixel() + 13;
        var frame = ReferencePreprocessing.Layout(rgb, width, height, format, stride);
        int ph = ImagePreprocessor.PaddedSize(height, 16), pw = ImagePreprocessor.PaddedSize(width, 16);
        var destination = new float[3 * ph * pw];
        Array.Fill(destination, float.NaN);

        ImagePreprocessor.Preprocess(frame, width, height, stride, format, destination, ph, pw);

        var expected = ReferencePreprocessing.Planar(rgb, width, height, ph, pw);
        Assert.True(ReferencePreprocessing.MaxAbsDiff(expected, destination) <= Tolerance);
        for (int i = 0; i < destination.Length; i++)
        {
            int x = i % pw, y = i / pw % ph;
            if (x >= width || y >= height)
            {
                Assert.Equal(0f, destination[i]);
            }
        }
    }

    [Fact]
    public void The_vector_path_gives_the_scalar_paths_bits_at_every_width()
    {
        foreach (var format in Enum.GetValues<PixelFormat>())
        {
            for (int width = 1; width <= 48; width++)
            {
                const int height = 3;
                var rgb = ReferencePreprocessing.RandomRgb(width, height, width);
                int stride = width * format.BytesPerPixel();
                var frame = ReferencePreprocessing.Layout(rgb, width, height, format, stride);
                int ph = 16, pw = ImagePreprocessor.PaddedSize(width, 16);
                var vector = new float[3 * ph * pw];
                var scalar = new float[3 * ph * pw];
                ImagePreprocessor.Preprocess(frame, width, height, stride, format, vector, ph, pw, vectorize: true);
                ImagePreprocessor.Preprocess(frame, width, height, stride, format, scalar, ph, pw, vectorize: false);
                Assert.True(vector.AsSpan().SequenceEqual(scalar), $"{format}, width {width}");
            }
        }
    }

    public static TheoryData<string> Fixture => Fixtures.AsTheory(Fixtures.PixelValueNames());

    [Theory]
    [MemberData(nameof(Fixture))]
    public void Decoded_png_fixtures_match_pytorch_pixel_values(string name)
    {
        var decoder = new ImageDecoder();
        var image = decoder.DecodeFile(Fixtures.Tiny($"{name}.png"));
        var expected = TestNpy.Read(Fixtures.Tiny($"{name}.pixel_values.npy"));
        int ph = expected.Shape[2], pw = expected.Shape[3];
        Assert.Equal(ImagePreprocessor.PaddedSize(image.Height, 16), ph);
        Assert.Equal(ImagePreprocessor.PaddedSize(image.Width, 16), pw);
        var actual = new float[expected.Values.Length];

        ImagePreprocessor.Preprocess(decoder.Pixels, image.Width, image.Height, image.Stride, image.Format, actual, ph, pw);

        Assert.True(ReferencePreprocessing.MaxAbsDiff(expected.Values, actual) <= Tolerance);
    }

    [Fact]
    public void Alpha_is_dropped_not_composited()
    {
        var decoder = new ImageDecoder();
        var rgba = decoder.Decode(TestPng.Encode(2, 1, TestPng.Rgba, [200, 100, 50, 0, 10, 20, 30, 128]), "rgba.png");
        var rgbaPlanes = Preprocess(decoder, rgba);
        var rgb = decoder.Decode(TestPng.Encode(2, 1, TestPng.Rgb, [200, 100, 50, 10, 20, 30]), "rgb.png");
        var rgbPlanes = Preprocess(decoder, rgb);

        Assert.Equal(rgbPlanes, rgbaPlanes);
        Assert.Equal(200, decoder.Pixels[0]);
    }

    [Fact]
    public void Grey_is_replicated_to_three_channels()
    {
        var decoder = new ImageDecoder();
        var grey = decoder.Decode(TestPng.Encode(3, 1, TestPng.Grey, [0, 77, 255]), "grey.png");
        var greyPlanes = Preprocess(decoder, grey);
        var rgb = decoder.Decode(TestPng.Encode(3, 1, TestPng.Rgb, [0, 0, 0, 77, 77, 77, 255, 255, 255]), "rgb.png");

        Assert.Equal(Preprocess(decoder, rgb), greyPlanes);
    }

    [Fact]
    public void A_steady_state_frame_allocates_nothing()
    {
        const int width = 61, height = 47;
        var frame = ReferencePreprocessing.Layout(ReferencePreprocessing.RandomRgb(width, height, 3), width, height, PixelFormat.Bgr24, width * 3);
        var destination = new float[3 * 48 * 64];
        ImagePreprocessor.Preprocess(frame, width, height, width * 3, PixelFormat.Bgr24, destination, 48, 64);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            ImagePreprocessor.Preprocess(frame, width, height, width * 3, PixelFormat.Bgr24, destination, 48, 64);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Inconsistent_frames_are_rejected_naming_the_input()
    {
        var frame = new byte[10 * 4 * 3];
        var destination = new float[3 * 16 * 16];
        Assert.Contains("stride", Assert.Throws<LostInputException>(
            () => ImagePreprocessor.Preprocess(frame, 10, 3, 20, PixelFormat.Rgb24, destination, 16, 16)).Message);
        Assert.Contains("pixels", Assert.Throws<LostInputException>(
            () => ImagePreprocessor.Preprocess(frame, 10, 4, 40, PixelFormat.Rgba32, destination, 16, 16)).Message);
        Assert.Contains("destination", Assert.Throws<LostInputException>(
            () => ImagePreprocessor.Preprocess(frame, 10, 3, 30, PixelFormat.Rgb24, destination, 16, 32)).Message);
        Assert.Contains("padded_size", Assert.Throws<LostInputException>(
            () => ImagePreprocessor.Preprocess(frame, 10, 3, 30, PixelFormat.Rgb24, destination, 2, 16)).Message);
    }

    private static float[] Preprocess(ImageDecoder decoder, DecodedImage image)
    {
        var planes = new float[3 * 16 * 16];
        ImagePreprocessor.Preprocess(decoder.Pixels, image.Width, image.Height, image.Stride, image.Format, planes, 16, 16);
        return planes;
    }
}
