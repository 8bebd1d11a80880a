namespace LostEngine.Checkpoints;

/// <summary>Which official model code a checkpoint's tensors belong to.</summary>
public enum ViTFamily
{
    /// <summary>facebookresearch/dino <c>vision_transformer.py</c>: no mask token, no registers, no layer scale.</summary>
    Dino,

    /// <summary>
    /// facebookresearch/dinov2 <c>dinov2/models/vision_transformer.py</c>: a mask token, optional register tokens,
    /// optional layer scale (<c>ls1</c>/<c>ls2</c>), an MLP or SwiGLU feed-forward.
    /// </summary>
    DinoV2,
}
