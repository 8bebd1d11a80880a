namespace LostEngine.Checkpoints;

/// <summary>
/// One tensor of a checkpoint's state dict, as float32 values in row-major order whatever the file's storage type,
/// offset and strides were.
/// </summary>
/// <param name="Name">The state-dict key after prefix stripping, e.g. <c>blocks.0.attn.qkv.weight</c>.</param>
/// <param name="Shape">The size of each dimension, outermost first; empty for a scalar.</param>
/// <param name="Values">The product of <paramref name="Shape"/> values, the last dimension varying fastest.</param>
public sealed record CheckpointTensor(string Name, int[] Shape, float[] Values);
