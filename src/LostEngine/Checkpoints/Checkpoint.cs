namespace LostEngine.Checkpoints;

/// <summary>A DINO or DINOv2 backbone read from a PyTorch checkpoint: its tensors and the architecture they show.</summary>
public sealed class Checkpoint
{
    internal Checkpoint(string path, IReadOnlyDictionary<string, CheckpointTensor> tensors, ViTArchitecture architecture)
    {
        Path = path;
        Tensors = tensors;
        Architecture = architecture;
    }

    /// <summary>The file as the caller named it.</summary>
    public string Path { get; }

    /// <summary>
    /// The backbone's tensors by state-dict key, with the training checkpoint's <c>module.</c> and
    /// <c>backbone.</c> prefixes and the block-chunk level (<c>blocks.&lt;chunk&gt;.&lt;i&gt;.</c>) removed, so the
    /// keys are the released files' (<c>cls_token</c>, <c>blocks.0.attn.qkv.weight</c>, ...). Exactly the tensors
    /// <see cref="Architecture"/> expects: none missing, none extra, every shape checked.
    /// </summary>
    public IReadOnlyDictionary<string, CheckpointTensor> Tensors { get; }

    /// <summary>The architecture the tensors show, confirmed by the options the checkpoint was read with.</summary>
    public ViTArchitecture Architecture { get; }
}
