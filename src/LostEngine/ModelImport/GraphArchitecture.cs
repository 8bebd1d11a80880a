namespace LostEngine.ModelImport;

/// <summary>The network a checkpoint's tensors describe: what picks the graph template the importer fills.</summary>
/// <param name="Family">DINO or DINOv2.</param>
/// <param name="PatchSize">Pixels per patch side (8, 14 or 16 for the released models).</param>
/// <param name="EmbedDim">Token width: 384 (ViT-S), 768 (ViT-B), 1024 (ViT-L), 1536 (ViT-g).</param>
/// <param name="Depth">Transformer blocks.</param>
/// <param name="Heads">Attention heads.</param>
/// <param name="Registers">DINOv2 register tokens (0 or 4 for the released models).</param>
/// <param name="LayerScale">Whether each block scales its two residual branches (<c>ls1.gamma</c>, <c>ls2.gamma</c>).</param>
/// <param name="FeedForward">The blocks' feed-forward layer.</param>
public sealed record GraphArchitecture(
    GraphFamily Family, int PatchSize, int EmbedDim, int Depth, int Heads, int Registers, bool LayerScale, GraphFeedForward FeedForward)
{
    /// <summary>
    /// The name of the graph template for this architecture, as the model catalogue names the released models
    /// (<c>dino-vits16</c>, <c>dinov2-vitl14-reg</c>), from the size letter of the official model functions; null for a
    /// width none of them has. A name is no promise of a template: DINO's ViT-Ti (<c>dino-vitti16</c>) has none.
    /// </summary>
    public string? TemplateName
    {
        get
        {
            string? size = Checkpoints.OfficialSize.ByWidth(EmbedDim)?.Letter.ToLowerInvariant();
            if (size is null)
            {
                return null;
            }
            string family = Family == GraphFamily.Dino ? "dino" : "dinov2";
            return $"{family}-vit{size}{PatchSize}{(Registers > 0 ? "-reg" : "")}";
        }
    }

    /// <summary>The architecture in words, for messages.</summary>
    public override string ToString()
        => $"{(Family == GraphFamily.Dino ? "DINO" : "DINOv2")} ViT d={EmbedDim}, patch {PatchSize}, depth {Depth}, {Heads} heads, "
            + $"{Registers} registers, {(LayerScale ? "layer scale" : "no layer scale")}, {(FeedForward == GraphFeedForward.Mlp ? "MLP" : "SwiGLU")}";
}
