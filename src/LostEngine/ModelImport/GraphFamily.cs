namespace LostEngine.ModelImport;

/// <summary>Which official model code a backbone follows, which decides its graph.</summary>
public enum GraphFamily
{
    /// <summary>facebookresearch/dino: position embeddings resized by the scale (count + 0.1) / grid, no layer scale.</summary>
    Dino,

    /// <summary>facebookresearch/dinov2: layer scale, optional registers, its own position-embedding resize rules.</summary>
    DinoV2,
}
