namespace LostEngine.Model;

/// <summary>What the engine knows about a model from its metadata and signature.</summary>
/// <param name="Path">The model file.</param>
/// <param name="PatchSize">Pixels per patch side (<c>lostengine.patch_size</c>).</param>
/// <param name="EmbedDim">Width d of q, k and v (<c>lostengine.embed_dim</c>, or the outputs' static last dimension).</param>
/// <param name="NumHeads">Attention heads (<c>lostengine.num_heads</c>, or <c>cls_attention</c>'s static dimension); 0 when unknown.</param>
/// <param name="Arch">Architecture label (<c>lostengine.arch</c>), or empty.</param>
/// <param name="Outputs">The contract outputs the model has.</param>
/// <param name="PrefixTokens">
/// Tokens before the patches in q, k and v (<c>lostengine.prefix_tokens</c>): the CLS token and any DINOv2 registers;
/// 1 for models exported before the key existed.
/// </param>
public sealed record ModelInfo(string Path, int PatchSize, int EmbedDim, int NumHeads, string Arch, ModelOutputs Outputs, int PrefixTokens = 1);
