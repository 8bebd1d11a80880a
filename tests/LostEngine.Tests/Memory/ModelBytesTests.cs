using LostEngine.Memory;
using LostEngine.Model;
using LostEngine.Pipeline;

namespace LostEngine.Tests.Memory;

/// <summary>The model's share of the estimate, on inputs that are not whole patches (box crops resized to a 256 short side).</summary>
public sealed class ModelBytesTests
{
    private static readonly ModelInfo Tiny = new("tiny", PatchSize: 16, EmbedDim: 48, NumHeads: 3, Arch: "vit", ModelOutputs.K);

    [Fact]
    public void Counts_the_patches_the_embedding_keeps_and_every_input_pixel()
    {
        // 256 x 341 keeps 16 x 21 patches, as 256 x 336 does; only the 5 extra columns of input differ.
        long whole = MemoryEstimate.ModelBytes(Tiny, ModelOutputs.None, 256, 336);
        long ragged = MemoryEstimate.ModelBytes(Tiny, ModelOutputs.None, 256, 341);
        Assert.Equal(3L * 256 * 5 * sizeof(float), ragged - whole);
    }

    [Fact]
    public void Is_the_localizer_estimate_without_the_kernel_workspace()
    {
        long patches = 16L * 21, dim = 48;
        long kernel = 2 * patches * dim * sizeof(float) + 16 * patches * sizeof(int);
        Assert.Equal(MemoryEstimate.Bytes(Tiny, ModelOutputs.K, LocalizationMethod.Lost, 256, 336),
            MemoryEstimate.ModelBytes(Tiny, ModelOutputs.K, 256, 336) + kernel);
    }

    [Fact]
    public void Saturates_on_a_crop_stretched_past_any_memory()
    {
        Assert.Equal(long.MaxValue, MemoryEstimate.ModelBytes(Tiny, ModelOutputs.None, 256, 4_000_000_000_000L));
    }
}
