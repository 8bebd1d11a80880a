using LostEngine.Checkpoints;

namespace LostEngine.Tests.Checkpoints;

/// <summary>
/// The architecture of each released backbone, from its state dict's shapes alone (no storage is read, so the
/// shapes are given directly): family, size, heads, patch, registers, layer scale, feed-forward and position grid.
/// </summary>
public sealed class ArchitectureInferenceTests
{
    private const string Source = "official.pth";

    [Fact]
    public void Dino_vit_small_16()
    {
        var architecture = Infer(OfficialShapes.Dino(384, 12, 16));

        Assert.Equal("DINO ViT-S/16, 12 blocks, 384 dims, 6 heads", architecture.Describe());
        Assert.Equal("vit_small", architecture.ArchName);
        Assert.Equal(14, architecture.PositionGridSize);
        Assert.Equal(0.1f, architecture.InterpolateOffset);
        Assert.False(architecture.InterpolateAntialias);
    }

    [Fact]
    public void Dino_vit_base_8()
    {
        var architecture = Infer(OfficialShapes.Dino(768, 12, 8));

        Assert.Equal("DINO ViT-B/8, 12 blocks, 768 dims, 12 heads", architecture.Describe());
        Assert.Equal(28, architecture.PositionGridSize);
        Assert.Equal(3072, architecture.FeedForwardHiddenDim);
    }

    [Fact]
    public void Dinov2_vit_small_14_with_registers()
    {
        var architecture = Infer(OfficialShapes.DinoV2(384, 12, registers: 4));

        Assert.Equal("DINOv2 ViT-S/14, 12 blocks, 384 dims, 6 heads, 4 registers, layer scale", architecture.Describe());
        Assert.Equal(37, architecture.PositionGridSize);
        Assert.Equal(0f, architecture.InterpolateOffset);
        Assert.True(architecture.InterpolateAntialias);
    }

    [Fact]
    public void Dinov2_vit_large_14()
    {
        var architecture = Infer(OfficialShapes.DinoV2(1024, 24, registers: 0));

        Assert.Equal("DINOv2 ViT-L/14, 24 blocks, 1024 dims, 16 heads, no registers, layer scale", architecture.Describe());
        Assert.Equal("vit_large", architecture.ArchName);
        Assert.Equal(0.1f, architecture.InterpolateOffset);
    }

    [Fact]
    public void Dinov2_vit_giant_14_has_the_fused_swiglu_feed_forward()
    {
        var architecture = Infer(OfficialShapes.DinoV2(1536, 40, registers: 4, swiGlu: true));

        Assert.Equal("DINOv2 ViT-g/14, 40 blocks, 1536 dims, 24 heads, 4 registers, layer scale, SwiGLU feed-forward", architecture.Describe());
        Assert.Equal(ViTFeedForward.SwiGlu, architecture.FeedForward);
        Assert.Equal(4096, architecture.FeedForwardHiddenDim);
        Assert.Equal("vit_giant2", architecture.ArchName);
    }

    [Fact]
    public void The_arch_option_confirms_a_matching_width()
    {
        var architecture = Infer(OfficialShapes.DinoV2(384, 12, 0), new CheckpointOptions { Arch = "vit_small" });

        Assert.Equal(6, architecture.Heads);
    }

    [Fact]
    public void The_arch_option_refuses_another_width_naming_the_patch_embedding_and_both_shapes()
    {
        var error = Assert.Throws<CheckpointFormatException>(() => Infer(OfficialShapes.DinoV2(384, 12, 0), new CheckpointOptions { Arch = "vit_base" }));

        Assert.Equal("patch_embed.proj.weight", error.Tensor);
        Assert.Equal($"{Source}: tensor 'patch_embed.proj.weight': expected (768, 3, 14, 14) for vit_base, found (384, 3, 14, 14).", error.Message);
    }

    [Fact]
    public void The_heads_option_overrides_the_official_head_count()
    {
        var architecture = Infer(OfficialShapes.Dino(384, 12, 16), new CheckpointOptions { Heads = 12 });

        Assert.Equal(12, architecture.Heads);
        Assert.Null(architecture.ArchName);
        Assert.Equal("DINO ViT/16, 12 blocks, 384 dims, 12 heads", architecture.Describe());
    }

    [Fact]
    public void A_missing_block_names_its_first_tensor()
    {
        var shapes = OfficialShapes.Dino(384, 12, 16).Where(s => !s.Name.StartsWith("blocks.5.", StringComparison.Ordinal)).ToList();

        var error = Assert.Throws<CheckpointFormatException>(() => Infer(shapes));

        Assert.Equal("blocks.5.norm1.weight", error.Tensor);
        Assert.Contains("expected (384,), found none (for DINO ViT-S/16, 12 blocks, 384 dims, 6 heads; 11 more tensors disagree)", error.Message);
    }

    [Fact]
    public void A_stray_block_index_is_refused_without_listing_every_block_before_it()
    {
        var shapes = OfficialShapes.Dino(384, 12, 16);
        shapes.Add(("blocks.999999999.norm1.weight", [384]));

        var error = Assert.Throws<CheckpointFormatException>(() => Infer(shapes));

        Assert.Equal("blocks.12.norm1.weight", error.Tensor);
        Assert.Contains("blocks go up to index 999999999 but only 13 are present", error.Message);
    }

    [Fact]
    public void Mixed_feed_forwards_are_refused_naming_a_tensor_the_swiglu_model_lacks()
    {
        var shapes = OfficialShapes.DinoV2(1536, 40, 0, swiGlu: true);
        shapes.Add(("blocks.3.mlp.fc1.weight", [6144, 1536]));

        var error = Assert.Throws<CheckpointFormatException>(() => Infer(shapes));

        Assert.Equal("blocks.3.mlp.fc1.weight", error.Tensor);
        Assert.Contains("expected no such tensor, found (6144, 1536)", error.Message);
    }

    private static ViTArchitecture Infer(List<(string Name, int[] Shape)> shapes, CheckpointOptions? options = null) =>
        ArchitectureInference.Infer(shapes, options ?? CheckpointOptions.Default, Source);
}
