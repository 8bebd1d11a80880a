using System.Globalization;

namespace LostEngine.Checkpoints;

/// <summary>
/// A DINO or DINOv2 vision transformer as its checkpoint's tensors show it: every number a graph of the official
/// model code needs, and the official name when the width is one of the published sizes.
/// </summary>
/// <param name="Family">DINO or DINOv2.</param>
/// <param name="PatchSize">Side of the square patch, from <c>patch_embed.proj.weight</c>'s kernel.</param>
/// <param name="EmbedDim">Token width, from <c>patch_embed.proj.weight</c>'s output channels.</param>
/// <param name="Depth">Number of transformer blocks.</param>
/// <param name="Heads">Attention heads: the official configuration's for the width, or the caller's.</param>
/// <param name="RegisterTokens">DINOv2 register tokens, inserted after the CLS token; 0 for none.</param>
/// <param name="LayerScale">Whether each block scales its two residual branches by <c>ls1.gamma</c> and <c>ls2.gamma</c>.</param>
/// <param name="FeedForward">The blocks' feed-forward layer.</param>
/// <param name="FeedForwardHiddenDim">The feed-forward layer's hidden width.</param>
/// <param name="PositionGridSize">Side of the square grid of trained position embeddings (<c>pos_embed</c> holds 1 + side² rows).</param>
/// <param name="InterpolateOffset">
/// What the official code adds to the target grid size before computing the bicubic scale factor when it resizes
/// the position embeddings: 0.1 for DINO and DINOv2, 0 for the DINOv2 register models, as the hub builds them.
/// </param>
/// <param name="InterpolateAntialias">Whether that resize is antialiased: the hub's setting for the DINOv2 register models.</param>
public sealed record ViTArchitecture(
    ViTFamily Family,
    int PatchSize,
    int EmbedDim,
    int Depth,
    int Heads,
    int RegisterTokens,
    bool LayerScale,
    ViTFeedForward FeedForward,
    int FeedForwardHiddenDim,
    int PositionGridSize,
    float InterpolateOffset,
    bool InterpolateAntialias)
{
    /// <summary>
    /// The official model function for this width and head count (<c>vit_small</c>, <c>vit_giant2</c>, ...), or
    /// null for a width or head count no official model has.
    /// </summary>
    public string? ArchName => OfficialSize.ByWidth(EmbedDim) is { } size && size.Heads == Heads ? size.Name : null;

    /// <summary>One line for people, e.g. "DINOv2 ViT-S/14, 12 blocks, 384 dims, 6 heads, 4 registers, layer scale".</summary>
    public string Describe()
    {
        var size = OfficialSize.ByWidth(EmbedDim) is { } official && official.Heads == Heads ? "-" + official.Letter : "";
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{(Family == ViTFamily.Dino ? "DINO" : "DINOv2")} ViT{size}/{PatchSize}"),
            Count(Depth, "block"),
            Count(EmbedDim, "dim"),
            Count(Heads, "head"),
        };
        if (Family == ViTFamily.DinoV2)
        {
            parts.Add(RegisterTokens == 0 ? "no registers" : Count(RegisterTokens, "register"));
            parts.Add(LayerScale ? "layer scale" : "no layer scale");
        }
        if (FeedForward == ViTFeedForward.SwiGlu)
        {
            parts.Add("SwiGLU feed-forward");
        }
        return string.Join(", ", parts);
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
