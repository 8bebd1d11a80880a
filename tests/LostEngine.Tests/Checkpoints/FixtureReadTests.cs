using LostEngine.Checkpoints;

namespace LostEngine.Tests.Checkpoints;

/// <summary>
/// Every committed checkpoint, made by the official DINO and DINOv2 code in the released layouts, reads to exactly
/// the tensors its manifest lists (names, shapes and values to the bit) and to the architecture it was built with.
/// </summary>
public sealed class FixtureReadTests
{
    public static TheoryData<string> Fixtures => CheckpointFixtures.All;

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_tensor_has_the_manifests_name_shape_and_values(string name)
    {
        var manifest = CheckpointFixtures.Manifest(name);
        var checkpoint = CheckpointFixtures.Read(name);

        AssertTensors(manifest.Tensors, checkpoint);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_architecture_is_the_one_the_file_was_built_with(string name)
    {
        var manifest = CheckpointFixtures.Manifest(name);
        var architecture = CheckpointFixtures.Read(name).Architecture;

        Assert.Equal(manifest.Family == "dino" ? ViTFamily.Dino : ViTFamily.DinoV2, architecture.Family);
        Assert.Equal(manifest.Patch, architecture.PatchSize);
        Assert.Equal(manifest.EmbedDim, architecture.EmbedDim);
        Assert.Equal(manifest.Heads, architecture.Heads);
        Assert.Equal(manifest.Depth, architecture.Depth);
        Assert.Equal(manifest.Grid, architecture.PositionGridSize);
        Assert.Equal(manifest.Registers, architecture.RegisterTokens);
        Assert.Equal(manifest.LayerScale, architecture.LayerScale);
        Assert.Equal(manifest.FeedForward == "mlp" ? ViTFeedForward.Mlp : ViTFeedForward.SwiGlu, architecture.FeedForward);
        Assert.Equal(manifest.FeedForwardHidden, architecture.FeedForwardHiddenDim);
        Assert.Equal(manifest.Registers > 0 ? 0f : 0.1f, architecture.InterpolateOffset);
        Assert.Equal(manifest.Registers > 0, architecture.InterpolateAntialias);
        Assert.Null(architecture.ArchName);
    }

    [Fact]
    public void A_training_checkpoint_gives_the_student_when_asked()
    {
        var manifest = CheckpointFixtures.Manifest("dino_s8_training");
        var student = PyTorchCheckpoint.Read(manifest.Path, options: manifest.Options with { CheckpointKey = "student" });

        AssertTensors(manifest.StudentTensors!, student);
        Assert.NotEqual(manifest.Tensors[0].Sha256, manifest.StudentTensors![0].Sha256);
    }

    [Fact]
    public void A_width_no_official_model_has_needs_the_head_count()
    {
        var path = CheckpointFixtures.File("dino_s8_backbone.pth");

        var error = Assert.Throws<CheckpointFormatException>(() => PyTorchCheckpoint.Read(path));

        Assert.Equal(path, error.InputName);
        Assert.Contains("embed dim 32 is none of the official widths", error.Message);
    }

    [Fact]
    public void Describe_names_what_was_found()
    {
        var reg4 = CheckpointFixtures.Read("dinov2_s14_reg4").Architecture;
        var dino = CheckpointFixtures.Read("dino_s8_backbone").Architecture;
        var giant = CheckpointFixtures.Read("dinov2_g14_swiglu_reg4").Architecture;

        Assert.Equal("DINOv2 ViT/14, 2 blocks, 32 dims, 2 heads, 4 registers, layer scale", reg4.Describe());
        Assert.Equal("DINO ViT/8, 2 blocks, 32 dims, 2 heads", dino.Describe());
        Assert.Equal("DINOv2 ViT/14, 2 blocks, 32 dims, 2 heads, 4 registers, layer scale, SwiGLU feed-forward", giant.Describe());
    }

    private static void AssertTensors(IReadOnlyList<ManifestTensor> expected, Checkpoint checkpoint)
    {
        Assert.Equal(expected.Select(t => t.Name).Order(StringComparer.Ordinal), checkpoint.Tensors.Keys.Order(StringComparer.Ordinal));
        foreach (var tensor in expected)
        {
            var read = checkpoint.Tensors[tensor.Name];
            Assert.Equal(tensor.Name, read.Name);
            Assert.Equal(tensor.Shape, read.Shape);
            Assert.Equal(tensor.Shape.Aggregate(1, (product, size) => product * size), read.Values.Length);
            Assert.True(tensor.Sha256 == CheckpointFixtures.Sha256(read.Values), $"values of {tensor.Name} differ from the manifest's");
        }
    }
}
