namespace LostEngine.Catalog;

/// <summary>The self-supervised method that trained a checkpoint; it decides the layout of its tensors.</summary>
internal enum ModelFamily
{
    /// <summary>DINO (Caron et al. 2021), github.com/facebookresearch/dino.</summary>
    Dino,

    /// <summary>DINOv2 (Oquab et al. 2023), with or without register tokens, github.com/facebookresearch/dinov2.</summary>
    DinoV2,
}
