using LostEngine.Imaging;
using LostEngine.Model;
using LostEngine.Pipeline;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Pipeline;

/// <summary>
/// A localizer, extractor, binding or model used after <c>Dispose</c> throws <see cref="ObjectDisposedException"/>
/// instead of running ONNX Runtime on freed handles; and one localizer called from two threads refuses the
/// overlapping calls instead of mixing their buffers.
/// </summary>
public sealed class LocalizerLifetimeTests
{
    private static LocalizerOptions Tiny(LocalizationMethod method = LocalizationMethod.Lost) => new() { ModelPath = Fixtures.TinyModel, Method = method };

    [Fact]
    public void Every_call_on_a_disposed_localizer_throws_object_disposed()
    {
        var localizer = new LostLocalizer(Tiny());
        byte[] png = File.ReadAllBytes(Fixtures.Tiny("square_64x64.png"));
        localizer.LocalizeEncoded(png, "square");
        localizer.Dispose();
        localizer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => localizer.LocalizeFile(Fixtures.Tiny("square_64x64.png")));
        Assert.Throws<ObjectDisposedException>(() => localizer.LocalizeEncoded(png, "square"));
        Assert.Throws<ObjectDisposedException>(() => localizer.Localize(new byte[64 * 64 * 3], 64, 64, 64 * 3, PixelFormat.Rgb24));
        Assert.Throws<ObjectDisposedException>(() => localizer.LastBinding);
        Assert.Throws<ObjectDisposedException>(() => localizer.LostDetails);
        Assert.Throws<ObjectDisposedException>(() => localizer.Extractor);
        Assert.Throws<ObjectDisposedException>(() => localizer.Model);
        Assert.Equal(Fixtures.TinyModel, localizer.Options.ModelPath);
    }

    [Fact]
    public void A_binding_kept_past_its_localizer_throws_object_disposed()
    {
        GridBinding binding;
        using (var localizer = new LostLocalizer(Tiny()))
        {
            localizer.LocalizeFile(Fixtures.Tiny("square_64x64.png"));
            binding = localizer.LastBinding;
            Assert.Equal(binding.Patches * binding.Dim, binding.Features(FeatureKind.K).Length);
        }
        Assert.Throws<ObjectDisposedException>(() => binding.Features(FeatureKind.K).Length);
        Assert.Throws<ObjectDisposedException>(() => binding.Input.Length);
        binding.Dispose();
    }

    [Fact]
    public void A_disposed_extractor_refuses_to_bind_or_run()
    {
        using var model = DinoModel.Load(Fixtures.TinyModel);
        var extractor = new KeyExtractor(model, ModelOutputs.K);
        var binding = extractor.Bind(64, 64);
        extractor.Dispose();
        extractor.Dispose();
        Assert.Throws<ObjectDisposedException>(() => extractor.Bind(64, 64));
        Assert.Throws<ObjectDisposedException>(() => extractor.Run(binding));
    }

    [Fact]
    public void A_disposed_model_refuses_new_extractors_and_localizers_and_the_runs_of_old_ones()
    {
        var model = DinoModel.Load(Fixtures.TinyModel);
        var localizer = new LostLocalizer(model, Tiny());
        model.Dispose();
        model.Dispose();
        Assert.Throws<ObjectDisposedException>(() => new KeyExtractor(model, ModelOutputs.K));
        Assert.Throws<ObjectDisposedException>(() => new LostLocalizer(model, Tiny()));
        Assert.Throws<ObjectDisposedException>(() => localizer.LocalizeFile(Fixtures.Tiny("square_64x64.png")));
        localizer.Dispose();
    }

    [Theory]
    [InlineData(LocalizationMethod.Lost)]
    [InlineData(LocalizationMethod.TokenCut)]
    public void One_localizer_on_two_threads_refuses_the_overlapping_calls_and_never_returns_a_wrong_box(LocalizationMethod method)
    {
        using var localizer = new LostLocalizer(Tiny(method));
        var (wide, wideWidth, wideHeight) = Frame("wide_100x75.png");
        var (odd, oddWidth, oddHeight) = Frame("odd_37x53.png");
        ConcurrentCalls.Hammer(
            () => Outcome(localizer.Localize(wide, wideWidth, wideHeight, wideWidth * 3, PixelFormat.Rgb24)),
            () => Outcome(localizer.Localize(odd, oddWidth, oddHeight, oddWidth * 3, PixelFormat.Rgb24)),
            callsEach: 2_000).AssertRefusedNeverWrong();
    }

    // What a caller reads from a result; the timings differ from call to call.
    private static (bool, LostEngine.Kernel.PixelBox, int?, int, int) Outcome(LocalizationResult r) => (r.HasObject, r.Box, r.Seed, r.GridRows, r.GridCols);

    private static (byte[] Rgb, int Width, int Height) Frame(string name)
    {
        var decoder = new ImageDecoder();
        var image = decoder.DecodeFile(Fixtures.Tiny(name));
        var rgb = new byte[image.Width * image.Height * 3];
        for (int i = 0; i < image.Width * image.Height; i++)
        {
            decoder.Pixels.Slice(i * 4, 3).CopyTo(rgb.AsSpan(i * 3));
        }
        return (rgb, image.Width, image.Height);
    }
}
