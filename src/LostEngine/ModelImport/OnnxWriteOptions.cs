namespace LostEngine.ModelImport;

/// <summary>How <see cref="OnnxModelWriter"/> writes a model.</summary>
public sealed record OnnxWriteOptions
{
    /// <summary>Default options: one file, no source, no progress.</summary>
    public static OnnxWriteOptions Default { get; } = new();

    /// <summary>
    /// Write the weights to <c>MODEL.onnx.data</c> beside the model, as ONNX external data (true), or inside it
    /// (false); null, the default, writes one file unless the model would pass ONNX's 2 GiB single-file limit
    /// (DINOv2 ViT-g/14), whose weights then go to the data file.
    /// </summary>
    public bool? ExternalData { get; init; }

    /// <summary>What the weights came from (e.g. the checkpoint's file name), kept as <c>lostengine.source</c>; empty for none.</summary>
    public string Source { get; init; } = "";

    /// <summary>Told the bytes written as the write goes on; null for none.</summary>
    public IProgress<OnnxWriteProgress>? Progress { get; init; }

    /// <summary>Stops the write; nothing is left behind.</summary>
    public CancellationToken CancellationToken { get; init; }
}
