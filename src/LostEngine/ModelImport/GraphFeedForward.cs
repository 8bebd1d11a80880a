namespace LostEngine.ModelImport;

/// <summary>The feed-forward layer of each block.</summary>
public enum GraphFeedForward
{
    /// <summary><c>mlp.fc1</c>, GELU, <c>mlp.fc2</c>.</summary>
    Mlp,

    /// <summary>DINOv2 ViT-g's SwiGLU: <c>mlp.w12</c>, SiLU of one half times the other, <c>mlp.w3</c>.</summary>
    SwiGlu,
}
