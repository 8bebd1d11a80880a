namespace LostEngine.Checkpoints;

/// <summary>
/// The state dict of each family's official model, as data: every parameter's name and shape as a function of the
/// architecture, in the order <c>state_dict()</c> lists them. DINO's <c>VisionTransformer</c> (with
/// <c>num_classes=0</c>, so the head is an identity) and DINOv2's <c>DinoVisionTransformer</c> (with
/// <c>block_chunks=0</c>, as the released files are loaded) with <c>qkv_bias</c>, <c>proj_bias</c> and
/// <c>ffn_bias</c>, as every official configuration has them.
/// </summary>
internal static class ExpectedParameters
{
    private sealed record Rule(string Name, Func<ViTArchitecture, bool> Present, Func<ViTArchitecture, int[]> Shape);

    private static bool Always(ViTArchitecture a) => true;

    private static bool DinoV2(ViTArchitecture a) => a.Family == ViTFamily.DinoV2;

    private static bool Registers(ViTArchitecture a) => a.RegisterTokens > 0;

    private static bool LayerScale(ViTArchitecture a) => a.LayerScale;

    private static bool Mlp(ViTArchitecture a) => a.FeedForward == ViTFeedForward.Mlp;

    private static bool SwiGlu(ViTArchitecture a) => a.FeedForward == ViTFeedForward.SwiGlu;

    private static readonly Rule[] Embeddings =
    [
        new("cls_token", Always, a => [1, 1, a.EmbedDim]),
        new("pos_embed", Always, a => [1, 1 + a.PositionGridSize * a.PositionGridSize, a.EmbedDim]),
        new("register_tokens", Registers, a => [1, a.RegisterTokens, a.EmbedDim]),
        new("mask_token", DinoV2, a => [1, a.EmbedDim]),
        new("patch_embed.proj.weight", Always, a => [a.EmbedDim, 3, a.PatchSize, a.PatchSize]),
        new("patch_embed.proj.bias", Always, a => [a.EmbedDim]),
    ];

    private static readonly Rule[] Block =
    [
        new("norm1.weight", Always, a => [a.EmbedDim]),
        new("norm1.bias", Always, a => [a.EmbedDim]),
        new("attn.qkv.weight", Always, a => [3 * a.EmbedDim, a.EmbedDim]),
        new("attn.qkv.bias", Always, a => [3 * a.EmbedDim]),
        new("attn.proj.weight", Always, a => [a.EmbedDim, a.EmbedDim]),
        new("attn.proj.bias", Always, a => [a.EmbedDim]),
        new("ls1.gamma", LayerScale, a => [a.EmbedDim]),
        new("norm2.weight", Always, a => [a.EmbedDim]),
        new("norm2.bias", Always, a => [a.EmbedDim]),
        new("mlp.fc1.weight", Mlp, a => [a.FeedForwardHiddenDim, a.EmbedDim]),
        new("mlp.fc1.bias", Mlp, a => [a.FeedForwardHiddenDim]),
        new("mlp.fc2.weight", Mlp, a => [a.EmbedDim, a.FeedForwardHiddenDim]),
        new("mlp.fc2.bias", Mlp, a => [a.EmbedDim]),
        new("mlp.w12.weight", SwiGlu, a => [2 * a.FeedForwardHiddenDim, a.EmbedDim]),
        new("mlp.w12.bias", SwiGlu, a => [2 * a.FeedForwardHiddenDim]),
        new("mlp.w3.weight", SwiGlu, a => [a.EmbedDim, a.FeedForwardHiddenDim]),
        new("mlp.w3.bias", SwiGlu, a => [a.EmbedDim]),
        new("ls2.gamma", LayerScale, a => [a.EmbedDim]),
    ];

    private static readonly Rule[] FinalNorm =
    [
        new("norm.weight", Always, a => [a.EmbedDim]),
        new("norm.bias", Always, a => [a.EmbedDim]),
    ];

    /// <summary>Every parameter the official model of <paramref name="architecture"/> has, with its shape.</summary>
    public static IEnumerable<(string Name, int[] Shape)> For(ViTArchitecture architecture)
    {
        var blocks = Enumerable.Range(0, architecture.Depth)
            .SelectMany(i => Block.Select(rule => rule with { Name = $"blocks.{i}.{rule.Name}" }));
        return Embeddings.Concat(blocks).Concat(FinalNorm)
            .Where(rule => rule.Present(architecture))
            .Select(rule => (rule.Name, rule.Shape(architecture)));
    }

    /// <summary>The hidden width the official code gives the feed-forward layer of a block of width <paramref name="embedDim"/>.</summary>
    public static int FeedForwardHiddenDim(ViTFeedForward feedForward, int embedDim) => feedForward switch
    {
        ViTFeedForward.Mlp => 4 * embedDim,
        // SwiGLUFFNFused: two thirds of the MLP's width, rounded up to a multiple of 8.
        ViTFeedForward.SwiGlu => ((int)(4 * embedDim * 2 / 3.0) + 7) / 8 * 8,
        _ => throw new InvalidOperationException($"Unknown feed-forward {feedForward}."),
    };
}
