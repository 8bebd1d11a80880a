namespace LostEngine.ModelImport;

/// <summary>One float32 tensor of a checkpoint, by its state-dict name (prefixes such as <c>module.</c> and <c>backbone.</c> already removed).</summary>
/// <param name="Name">The state-dict name, e.g. <c>blocks.0.attn.qkv.weight</c>.</param>
/// <param name="Shape">PyTorch's shape, outermost first.</param>
/// <param name="Values">The values in row-major (C) order; as many as <paramref name="Shape"/> says.</param>
public sealed record NamedTensor(string Name, int[] Shape, ReadOnlyMemory<float> Values);
