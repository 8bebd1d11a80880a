namespace LostEngine.Checkpoints;

/// <summary>
/// What to take from a checkpoint and what the caller knows of its architecture. The tensors are the truth:
/// <see cref="Arch"/>, <see cref="Patch"/> and <see cref="Registers"/> confirm what they show, and one that
/// disagrees is a <see cref="CheckpointFormatException"/> naming the tensor whose shape contradicts it (expected
/// under the option, found in the file). <see cref="Heads"/> is the one true override: the head count is not in
/// any tensor's shape, so it comes from the official configuration of the embedding width unless given.
/// </summary>
public sealed record CheckpointOptions
{
    /// <summary>The defaults: the teacher, everything inferred.</summary>
    public static CheckpointOptions Default { get; } = new();

    /// <summary>
    /// Which network of a training checkpoint to read, <c>teacher</c> (the default, as DINO's own evaluation
    /// does) or <c>student</c>; ignored for backbone files, which hold one network.
    /// </summary>
    public string CheckpointKey { get; init; } = "teacher";

    /// <summary>
    /// The official model function the checkpoint was made with: <c>vit_tiny</c>, <c>vit_small</c>,
    /// <c>vit_base</c>, <c>vit_large</c> or <c>vit_giant2</c>; null to infer it from the embedding width.
    /// </summary>
    public string? Arch { get; init; }

    /// <summary>The patch size in pixels; null to read it from the patch embedding's kernel.</summary>
    public int? Patch { get; init; }

    /// <summary>The number of register tokens; null to read it from <c>register_tokens</c> (none when absent).</summary>
    public int? Registers { get; init; }

    /// <summary>
    /// The number of attention heads; null for the official configuration's (6, 12, 16 or 24 for ViT-S, B, L, g;
    /// 3 for DINO's ViT-Ti). Required for a width no official model has.
    /// </summary>
    public int? Heads { get; init; }
}
