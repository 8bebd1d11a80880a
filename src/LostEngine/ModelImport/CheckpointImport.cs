using System.Diagnostics;
using LostEngine.Checkpoints;

namespace LostEngine.ModelImport;

/// <summary>
/// <c>lost model import</c> as a library call: a DINO or DINOv2 PyTorch checkpoint in, the engine's ONNX model out,
/// in pure .NET. The checkpoint is read by <see cref="PyTorchCheckpoint"/> (a strict reader of untrusted files), its
/// architecture picks the graph template, and <see cref="OnnxModelWriter"/> fills it, atomically.
/// </summary>
public static class CheckpointImport
{
    /// <summary>Imports the checkpoint at <paramref name="checkpointPath"/> into the model <paramref name="outputPath"/>.</summary>
    /// <exception cref="CheckpointFormatException">The checkpoint is unreadable, unsafe, or not a DINO/DINOv2 backbone agreeing with the options; nothing was written.</exception>
    /// <exception cref="LostInputException">No graph template has the checkpoint's architecture, or the output is unusable; nothing was written.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled; nothing was left behind.</exception>
    /// <exception cref="IOException">The model cannot be written (a full disk, a missing permission); nothing was left behind.</exception>
    public static CheckpointImportResult Run(string checkpointPath, string outputPath, CheckpointImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(checkpointPath);
        ArgumentNullException.ThrowIfNull(outputPath);
        options ??= CheckpointImportOptions.Default;
        var progress = options.Progress;
        long start = Stopwatch.GetTimestamp();
        var checkpoint = PyTorchCheckpoint.Read(checkpointPath, options.Limits, options.Checkpoint,
            progress is null ? null : (done, total) => progress.Report(new(CheckpointImportStage.Reading, done, total)),
            options.CancellationToken);
        var readTime = Stopwatch.GetElapsedTime(start);

        start = Stopwatch.GetTimestamp();
        var written = OnnxModelWriter.Write(
            checkpoint.Tensors.Values.Select(t => new NamedTensor(t.Name, t.Shape, t.Values)),
            GraphOf(checkpoint.Architecture),
            outputPath,
            new OnnxWriteOptions
            {
                ExternalData = options.ExternalData,
                Source = Path.GetFileName(checkpointPath),
                Progress = progress is null ? null : new Relay(progress),
                CancellationToken = options.CancellationToken,
            });
        return new CheckpointImportResult(checkpoint.Architecture, written, readTime, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>The graph a checkpoint's architecture needs (the template is chosen, and checked, by it).</summary>
    public static GraphArchitecture GraphOf(ViTArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return new GraphArchitecture(
            architecture.Family == ViTFamily.Dino ? GraphFamily.Dino : GraphFamily.DinoV2,
            architecture.PatchSize,
            architecture.EmbedDim,
            architecture.Depth,
            architecture.Heads,
            architecture.RegisterTokens,
            architecture.LayerScale,
            architecture.FeedForward == ViTFeedForward.Mlp ? GraphFeedForward.Mlp : GraphFeedForward.SwiGlu);
    }

    private sealed class Relay(IProgress<CheckpointImportProgress> progress) : IProgress<OnnxWriteProgress>
    {
        public void Report(OnnxWriteProgress value) => progress.Report(new(CheckpointImportStage.Writing, value.BytesWritten, value.TotalBytes));
    }
}
