namespace LostEngine.Checkpoints;

/// <summary>The feed-forward layer of each block.</summary>
public enum ViTFeedForward
{
    /// <summary><c>mlp.fc1</c>, GELU, <c>mlp.fc2</c>; hidden width 4 × the embedding width.</summary>
    Mlp,

    /// <summary>
    /// DINOv2's <c>SwiGLUFFNFused</c> (ViT-g): <c>mlp.w12</c> gives two halves x1, x2, then <c>mlp.w3</c> of
    /// silu(x1) · x2; hidden width (⌊4 × width × 2 / 3⌋ + 7) / 8 × 8.
    /// </summary>
    SwiGlu,
}
