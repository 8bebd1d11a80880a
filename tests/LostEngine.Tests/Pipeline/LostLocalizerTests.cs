using System.Text.Json;
using LostEngine.Imaging;
using LostEngine.Model;
using LostEngine.Pipeline;
using LostEngine.Tests.Imaging;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Pipeline;

/// <summary>From PNG file to box on the tiny model, against the PyTorch reference's LOST and DINO-seg results.</summary>
public sealed class LostLocalizerTests
{
    public static TheoryData<string> Images => Fixtures.AsTheory(Fixtures.PngNames());

    [Theory]
    [MemberData(nameof(Images))]
    public void Lost_seed_and_box_equal_the_reference(string name)
    {
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel });
        using var expected = Fixtures.Lost(name);
        var lost = expected.RootElement.GetProperty("lost");

        var result = localizer.LocalizeFile(Fixtures.Tiny($"{name}.png"));

        Assert.Equal(expected.RootElement.GetProperty("grid").GetProperty("rows").GetInt32(), result.GridRows);
        Assert.Equal(expected.RootElement.GetProperty("grid").GetProperty("cols").GetInt32(), result.GridCols);
        Assert.Equal(lost.GetProperty("object").GetBoolean(), result.HasObject);
        Assert.Equal(lost.GetProperty("seed").GetInt32(), result.Seed);
        Assert.Equal(Ints(lost.GetProperty("box")), new[] { result.Box.X1, result.Box.Y1, result.Box.X2, result.Box.Y2 });
        Assert.Equal(Ints(lost.GetProperty("similars")), localizer.LostDetails!.Similars.ToArray());
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void DinoSeg_equals_the_reference_in_both_modes(string name)
    {
        using var expected = Fixtures.Lost(name);
        foreach (bool compat in new[] { false, true })
        {
            var reference = expected.RootElement.GetProperty(compat ? "dino_seg_reference_compat" : "dino_seg");
            using var localizer = new LostLocalizer(new LocalizerOptions
            {
                ModelPath = Fixtures.TinyModel, Method = LocalizationMethod.DinoSeg, DinoSegHead = 0, DinoSegReferenceCompatible = compat,
            });
            var result = localizer.LocalizeFile(Fixtures.Tiny($"{name}.png"));
            var box = reference.GetProperty("box");
            if (box.ValueKind == JsonValueKind.Null)
            {
                Assert.False(result.HasObject, $"{name}, compat {compat}");
                continue;
            }
            Assert.True(result.HasObject, $"{name}, compat {compat}");
            Assert.Equal(reference.GetProperty("label").GetInt32(), result.DinoSeg.Label);
            Assert.Equal(Ints(box), new[] { result.Box.X1, result.Box.Y1, result.Box.X2, result.Box.Y2 });
            Assert.Null(result.Seed);
        }
    }

    [Theory]
    [InlineData(FeatureKind.Q)]
    [InlineData(FeatureKind.V)]
    public void Queries_and_values_feed_the_kernel_without_the_cls_row(FeatureKind kind)
    {
        const string name = "object_96x80";
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel, Features = kind });
        var result = localizer.LocalizeFile(Fixtures.Tiny($"{name}.png"));

        var tokens = TestNpy.Read(Fixtures.Tiny($"{name}.{kind.ToString().ToLowerInvariant()}.npy"));
        var workspace = new LostEngine.Kernel.LostWorkspace(result.GridRows * result.GridCols, 48);
        var reference = LostEngine.Kernel.LostKernel.Run(tokens.Values.AsSpan(48), 48,
            LostEngine.Kernel.LostParameters.ForVit(result.GridRows, result.GridCols, 16, 80, 96), workspace);
        Assert.Equal(reference.Seed, result.Seed);
        Assert.Equal(reference.Box, result.Box);
    }

    [Fact]
    public void Timings_cover_every_stage()
    {
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel });
        var t = localizer.LocalizeFile(Fixtures.Tiny("square_64x64.png")).Timings;
        Assert.True(t.DecodeMs > 0 && t.PreprocessMs > 0 && t.ModelMs > 0 && t.KernelMs > 0, t.ToString());
    }

    [Fact]
    public void A_dinoseg_head_beyond_the_models_heads_is_rejected()
    {
        var e = Assert.Throws<LostInputException>(() => new LostLocalizer(new LocalizerOptions
        {
            ModelPath = Fixtures.TinyModel, Method = LocalizationMethod.DinoSeg,
        }));
        Assert.Equal("dinoseg_head", e.InputName);
        Assert.Contains("has 3 heads", e.Message);
    }

    [Fact]
    public void An_unknown_features_value_is_rejected()
    {
        var e = Assert.Throws<LostInputException>(() => FeatureKinds.Parse("x", "--features"));
        Assert.Contains("'x' is not one of k, q, v", e.Message);
    }

    [Fact]
    public void A_model_without_keys_cannot_run_lost()
    {
        var e = Assert.Throws<ModelFormatException>(() => new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.BrokenModel("only-q.onnx") }));
        Assert.Contains("has no output 'k'", e.Message);
    }

    [Fact]
    public void A_frame_above_the_pixel_limit_is_rejected()
    {
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel, PixelLimit = 100 });
        Assert.Throws<ImageTooLargeException>(() => localizer.Localize(new byte[11 * 10 * 3], 11, 10, 33, PixelFormat.Rgb24));
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
