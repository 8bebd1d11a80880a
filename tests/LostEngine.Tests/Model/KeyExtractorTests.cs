using LostEngine.Model;

namespace LostEngine.Tests.Model;

/// <summary>
/// The ONNX model run through IO bindings against the PyTorch reference tensors. Error metric per tensor:
/// max |a - b| / max |b| (the largest error relative to the tensor's scale), which must be at most 1e-4.
/// The fixture's own pixel_values are fed in, so this checks the model runner alone.
/// </summary>
public sealed class KeyExtractorTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Images => Fixtures.AsTheory(Fixtures.PixelValueNames());

    [Theory]
    [MemberData(nameof(Images))]
    public void Outputs_match_pytorch(string name)
    {
        using var model = DinoModel.Load(Fixtures.TinyModel);
        using var extractor = new KeyExtractor(model, ModelOutputs.Q | ModelOutputs.K | ModelOutputs.V | ModelOutputs.ClsAttention);
        var pixels = TestNpy.Read(Fixtures.Tiny($"{name}.pixel_values.npy"));
        var binding = extractor.Bind(pixels.Shape[2], pixels.Shape[3]);
        pixels.Values.CopyTo(binding.Input);

        extractor.Run(binding);

        foreach (var kind in new[] { FeatureKind.Q, FeatureKind.K, FeatureKind.V })
        {
            var expected = TestNpy.Read(Fixtures.Tiny($"{name}.{kind.ToString().ToLowerInvariant()}.npy"));
            Assert.Equal(new[] { binding.Patches + 1, binding.Dim }, expected.Shape);
            AssertClose(expected.Values, binding.Tokens(kind), $"{name}.{kind}");
            Assert.True(binding.Features(kind).SequenceEqual(binding.Tokens(kind)[binding.Dim..]));
        }
        var attention = TestNpy.Read(Fixtures.Tiny($"{name}.cls_attention.npy"));
        Assert.Equal(new[] { binding.Heads, binding.Patches }, attention.Shape);
        AssertClose(attention.Values, binding.ClsAttention, $"{name}.cls_attention");
    }

    [Fact]
    public void Metadata_is_read_and_a_model_without_prefix_tokens_has_one()
    {
        using var model = DinoModel.Load(Fixtures.TinyModel);
        Assert.Equal(16, model.Info.PatchSize);
        Assert.Equal(48, model.Info.EmbedDim);
        Assert.Equal(3, model.Info.NumHeads);
        Assert.Equal("vit_small-custom", model.Info.Arch);
        Assert.Equal(1, model.Info.PrefixTokens);
        Assert.Equal(ModelOutputs.Q | ModelOutputs.K | ModelOutputs.V | ModelOutputs.ClsAttention, model.Info.Outputs);
        Assert.Equal(ExecutionProviderKind.Cpu, model.Provider);
    }

    [Fact]
    public void Only_requested_outputs_are_bound()
    {
        using var model = DinoModel.Load(Fixtures.TinyModel);
        using var extractor = new KeyExtractor(model, ModelOutputs.K);
        var binding = extractor.Bind(32, 48);
        binding.Input.Fill(0.5f);
        extractor.Run(binding);
        Assert.Equal(6 * 48, binding.Features(FeatureKind.K).Length);
        Assert.Throws<InvalidOperationException>(() => binding.Tokens(FeatureKind.Q).Length);
        Assert.Throws<InvalidOperationException>(() => binding.ClsAttention.Length);
    }

    [Fact]
    public void Bindings_are_cached_per_size_and_the_least_recently_used_is_evicted()
    {
        using var model = DinoModel.Load(Fixtures.TinyModel);
        using var extractor = new KeyExtractor(model, ModelOutputs.K, cacheSize: 2);
        var a = extractor.Bind(16, 16);
        var b = extractor.Bind(32, 16);
        Assert.Same(a, extractor.Bind(16, 16));
        Assert.Equal(2, extractor.BindingsCreated);
        extractor.Bind(48, 16);                      // evicts b, the least recently used
        Assert.Same(a, extractor.Bind(16, 16));
        Assert.Equal(3, extractor.BindingsCreated);
        Assert.NotSame(b, extractor.Bind(32, 16));
        Assert.Equal(4, extractor.BindingsCreated);
    }

    [Theory]
    [InlineData(15, 16)]
    [InlineData(16, 24)]
    [InlineData(0, 16)]
    public void Padded_sizes_must_be_multiples_of_the_patch(int height, int width)
    {
        using var model = DinoModel.Load(Fixtures.TinyModel);
        using var extractor = new KeyExtractor(model, ModelOutputs.K);
        var e = Assert.Throws<LostInputException>(() => extractor.Bind(height, width));
        Assert.Contains("patch size 16", e.Message);
    }

    [Fact]
    public void A_steady_state_run_allocates_no_managed_memory()
    {
        using var model = DinoModel.Load(Fixtures.TinyModel);
        using var extractor = new KeyExtractor(model, ModelOutputs.K);
        var binding = extractor.Bind(64, 48);
        binding.Input.Fill(0.25f);
        extractor.Run(binding);
        extractor.Run(binding);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            extractor.Run(extractor.Bind(64, 48));
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double maxDiff = 0, scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs((double)expected[i] - actual[i]));
            scale = Math.Max(scale, Math.Abs((double)expected[i]));
        }
        Assert.True(scale > 0, $"{what}: the reference tensor is all zeros");
        Assert.True(maxDiff / scale <= Tolerance, $"{what}: max |a-b| / max |b| = {maxDiff / scale:E3} > {Tolerance:E0}");
    }
}
