namespace LostEngine.Model;

/// <summary>The model outputs a <see cref="KeyExtractor"/> binds; only these are computed and copied out.</summary>
[Flags]
public enum ModelOutputs
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary><c>q</c>, [1, P+N, d].</summary>
    Q = 1,

    /// <summary><c>k</c>, [1, P+N, d].</summary>
    K = 2,

    /// <summary><c>v</c>, [1, P+N, d].</summary>
    V = 4,

    /// <summary><c>cls_attention</c>, [1, heads, N].</summary>
    ClsAttention = 8,
}
