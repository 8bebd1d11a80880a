using LostEngine.Checkpoints;

namespace LostEngine.Tests.Checkpoints;

/// <summary>
/// The arch, patch and registers options confirm what the tensors show, and one that disagrees is an error naming the
/// tensor that contradicts it with both shapes; the heads option overrides; options out of range name themselves.
/// </summary>
public sealed class OverrideTests
{
    [Fact]
    public void Options_that_agree_with_the_tensors_confirm_them()
    {
        var manifest = CheckpointFixtures.Manifest("dinov2_s14_reg4");

        var checkpoint = PyTorchCheckpoint.Read(manifest.Path, options: manifest.Options with { Patch = 14, Registers = 4 });

        Assert.Equal(14, checkpoint.Architecture.PatchSize);
        Assert.Equal(4, checkpoint.Architecture.RegisterTokens);
    }

    [Fact]
    public void Another_patch_size_names_the_patch_embedding_and_both_shapes()
    {
        var manifest = CheckpointFixtures.Manifest("dino_s8_backbone");

        var error = Assert.Throws<CheckpointFormatException>(() => PyTorchCheckpoint.Read(manifest.Path, options: manifest.Options with { Patch = 16 }));

        Assert.Equal("patch_embed.proj.weight", error.Tensor);
        Assert.Equal($"{manifest.Path}: tensor 'patch_embed.proj.weight': expected (32, 3, 16, 16) for patch 16, found (32, 3, 8, 8).", error.Message);
    }

    [Theory]
    [InlineData("dinov2_s14_reg4", 0, "expected no such tensor for 0 registers, found (1, 4, 32)")]
    [InlineData("dinov2_s14_reg4", 2, "expected (1, 2, 32) for 2 registers, found (1, 4, 32)")]
    [InlineData("dinov2_s14_layerscale", 4, "expected (1, 4, 32) for 4 registers, found none")]
    public void Another_register_count_names_the_register_tokens_and_both_shapes(string name, int registers, string expected)
    {
        var manifest = CheckpointFixtures.Manifest(name);

        var error = Assert.Throws<CheckpointFormatException>(() => PyTorchCheckpoint.Read(manifest.Path, options: manifest.Options with { Registers = registers }));

        Assert.Equal("register_tokens", error.Tensor);
        Assert.Equal($"{manifest.Path}: tensor 'register_tokens': {expected}.", error.Message);
    }

    [Fact]
    public void An_official_arch_for_a_custom_width_names_the_patch_embedding()
    {
        var path = CheckpointFixtures.File("dino_s8_backbone.pth");

        var error = Assert.Throws<CheckpointFormatException>(() => PyTorchCheckpoint.Read(path, options: new CheckpointOptions { Arch = "vit_small" }));

        Assert.Equal($"{path}: tensor 'patch_embed.proj.weight': expected (384, 3, 8, 8) for vit_small, found (32, 3, 8, 8).", error.Message);
    }

    [Fact]
    public void Heads_that_do_not_divide_the_width_are_refused()
    {
        var path = CheckpointFixtures.File("dino_s8_backbone.pth");

        var error = Assert.Throws<CheckpointFormatException>(() => PyTorchCheckpoint.Read(path, options: new CheckpointOptions { Heads = 3 }));

        Assert.Equal($"{path}: 3 heads do not divide the embed dim 32.", error.Message);
    }

    [Theory]
    [InlineData("Arch", "vit_huge")]
    [InlineData("Patch", "0")]
    [InlineData("Heads", "-1")]
    [InlineData("Registers", "-1")]
    [InlineData("CheckpointKey", "ema")]
    public void An_option_out_of_range_names_itself_before_the_file_is_opened(string option, string value)
    {
        var options = option switch
        {
            "Arch" => new CheckpointOptions { Arch = value },
            "Patch" => new CheckpointOptions { Patch = int.Parse(value) },
            "Heads" => new CheckpointOptions { Heads = int.Parse(value) },
            "Registers" => new CheckpointOptions { Registers = int.Parse(value) },
            _ => new CheckpointOptions { CheckpointKey = value },
        };

        var error = Assert.Throws<LostInputException>(() => PyTorchCheckpoint.Read("/nonexistent/file.pth", options: options));

        Assert.Equal(option, error.InputName);
        Assert.IsNotType<CheckpointFormatException>(error);
    }

    [Fact]
    public void A_limit_below_its_minimum_names_itself()
    {
        var error = Assert.Throws<LostInputException>(() => PyTorchCheckpoint.Read("/nonexistent/file.pth", new CheckpointLimits { MaxCompressionRatio = 0.5 }));

        Assert.Equal("MaxCompressionRatio", error.InputName);
    }
}
