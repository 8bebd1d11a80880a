namespace LostEngine.Checkpoints;

/// <summary>
/// A checkpoint file that cannot give a DINO or DINOv2 backbone: not a <c>torch.save</c> zip archive, an archive past
/// a limit (a zip bomb, absurd sizes), a pickle that asks for anything a state dict does not need, a storage that
/// disagrees with its tensors, or tensors that are missing, extra or misshapen for the architecture. The message
/// names the file and, where one is at fault, the tensor or the byte offset in <c>data.pkl</c>.
/// </summary>
public sealed class CheckpointFormatException : LostInputException
{
    /// <summary>Creates the error for the named file.</summary>
    /// <param name="source">The checkpoint file (or stream) name as the caller gave it.</param>
    /// <param name="message">What is wrong; text quoted from the file is escaped, so the message stays one line.</param>
    /// <param name="tensor">The tensor at fault, after prefix stripping, when there is one.</param>
    /// <param name="pickleOffset">The byte offset in <c>data.pkl</c> of the opcode at fault, when there is one.</param>
    public CheckpointFormatException(string source, string message, string? tensor = null, long? pickleOffset = null)
        : base(source, PrintableText.Escape(message))
    {
        Tensor = tensor;
        PickleOffset = pickleOffset;
    }

    /// <summary>Creates the error for the named file, keeping the error that revealed it.</summary>
    public CheckpointFormatException(string source, string message, Exception inner, long? pickleOffset = null)
        : base(source, PrintableText.Escape(message), inner)
    {
        PickleOffset = pickleOffset;
    }

    /// <summary>The tensor at fault (its name after prefix stripping), or null.</summary>
    public string? Tensor { get; }

    /// <summary>The byte offset in <c>data.pkl</c> of the opcode at fault, or null.</summary>
    public long? PickleOffset { get; }
}
