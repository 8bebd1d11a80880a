using LostEngine.Imaging;

namespace LostEngine.Tests.Fuzzing;

/// <summary>
/// Every corrupted image is decoded within the pixel limit or refused with an <see cref="ImageDecodeException"/> or
/// an <see cref="ImageTooLargeException"/> naming it; nothing else is thrown, and the decoder allocates no more than
/// the limit's pixels and a copy of the file.
/// </summary>
public sealed class ImageFuzzProperties
{
    private const string Name = "fuzzed-image";
    private const long PixelLimit = 1 << 20;

    [FuzzProperty(MaxTest = 1500)]
    public void A_corrupted_image_is_decoded_or_refused_as_an_image_error(ImageInput input)
    {
        var decoder = new ImageDecoder(PixelLimit);
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var image = decoder.Decode(input.Bytes, Name);
            Assert.InRange((long)image.Width * image.Height, 1, PixelLimit);
            Assert.Equal(image.Height * image.Stride, decoder.Pixels.Length);
        }
        catch (ImageDecodeException e)
        {
            Assert.Equal(Name, e.ImageName);
        }
        catch (ImageTooLargeException e)
        {
            Assert.Equal(Name, e.ImageName);
            Assert.True(e.Width * e.Height > PixelLimit);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= 4 * PixelLimit + 4L * input.Bytes.Length + (64 << 10), $"decoding {input.Bytes.Length} bytes allocated {allocated} bytes");
    }
}
