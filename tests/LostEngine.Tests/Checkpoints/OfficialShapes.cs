namespace LostEngine.Tests.Checkpoints;

/// <summary>
/// The state-dict shapes of the released backbones, written out from the official model code for the tests: DINO's
/// <c>VisionTransformer</c> at 224 pixels, DINOv2's hub models at 518 pixels with patch 14, layer scale and the
/// MLP or, for ViT-g, the fused SwiGLU feed-forward.
/// </summary>
internal static class OfficialShapes
{
    public static List<(string Name, int[] Shape)> Dino(int dim, int depth, int patch)
    {
        int grid = 224 / patch;
        var shapes = new List<(string Name, int[] Shape)>
        {
            ("cls_token", [1, 1, dim]),
            ("pos_embed", [1, 1 + grid * grid, dim]),
            ("patch_embed.proj.weight", [dim, 3, patch, patch]),
            ("patch_embed.proj.bias", [dim]),
        };
        for (int i = 0; i < depth; i++)
        {
            shapes.AddRange(Attention(i, dim));
            shapes.AddRange([
                ($"blocks.{i}.mlp.fc1.weight", [4 * dim, dim]), ($"blocks.{i}.mlp.fc1.bias", [4 * dim]),
                ($"blocks.{i}.mlp.fc2.weight", [dim, 4 * dim]), ($"blocks.{i}.mlp.fc2.bias", [dim]),
            ]);
        }
        shapes.AddRange([("norm.weight", [dim]), ("norm.bias", [dim])]);
        return shapes;
    }

    public static List<(string Name, int[] Shape)> DinoV2(int dim, int depth, int registers, bool swiGlu = false)
    {
        var shapes = new List<(string Name, int[] Shape)> { ("cls_token", [1, 1, dim]), ("pos_embed", [1, 1 + 37 * 37, dim]) };
        if (registers > 0)
        {
            shapes.Add(("register_tokens", [1, registers, dim]));
        }
        shapes.AddRange([("mask_token", [1, dim]), ("patch_embed.proj.weight", [dim, 3, 14, 14]), ("patch_embed.proj.bias", [dim])]);
        // SwiGLUFFNFused's hidden width for ViT-g (1536): int(6144 * 2 / 3) = 4096, already a multiple of 8.
        int hidden = swiGlu ? 4096 : 4 * dim;
        for (int i = 0; i < depth; i++)
        {
            shapes.AddRange(Attention(i, dim));
            shapes.Add(($"blocks.{i}.ls1.gamma", [dim]));
            shapes.AddRange(swiGlu
                ? [($"blocks.{i}.mlp.w12.weight", [2 * hidden, dim]), ($"blocks.{i}.mlp.w12.bias", [2 * hidden]),
                   ($"blocks.{i}.mlp.w3.weight", [dim, hidden]), ($"blocks.{i}.mlp.w3.bias", [dim])]
                : [($"blocks.{i}.mlp.fc1.weight", [hidden, dim]), ($"blocks.{i}.mlp.fc1.bias", [hidden]),
                   ($"blocks.{i}.mlp.fc2.weight", [dim, hidden]), ($"blocks.{i}.mlp.fc2.bias", [dim])]);
            shapes.Add(($"blocks.{i}.ls2.gamma", [dim]));
        }
        shapes.AddRange([("norm.weight", [dim]), ("norm.bias", [dim])]);
        return shapes;
    }

    private static (string Name, int[] Shape)[] Attention(int i, int dim) =>
    [
        ($"blocks.{i}.norm1.weight", [dim]), ($"blocks.{i}.norm1.bias", [dim]),
        ($"blocks.{i}.attn.qkv.weight", [3 * dim, dim]), ($"blocks.{i}.attn.qkv.bias", [3 * dim]),
        ($"blocks.{i}.attn.proj.weight", [dim, dim]), ($"blocks.{i}.attn.proj.bias", [dim]),
        ($"blocks.{i}.norm2.weight", [dim]), ($"blocks.{i}.norm2.bias", [dim]),
    ];
}
