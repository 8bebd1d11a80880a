using LostEngine.IO;
using LostEngine.ModelImport.Templates;

namespace LostEngine.ModelImport;

/// <summary>
/// Writes a checkpoint's tensors as an ONNX model the engine runs (see <see cref="LostEngine.Model.ModelContract"/>),
/// in pure .NET: the graph comes from a weight-free template made once per released architecture by the Python
/// exporter and shipped in this library, and the tensors fill its initializers unchanged. The model computes what the
/// official DINO or DINOv2 code computes, position-embedding interpolation included.
/// </summary>
/// <remarks>
/// The write is atomic: the files are written as <c>.partial</c> beside their destinations and moved into place only
/// when complete; a failed or cancelled write leaves no model file behind (and an existing one unchanged, except that
/// with external data a failure between the two moves leaves the new data file next to the old model).
/// </remarks>
public static class OnnxModelWriter
{
    // protobuf refuses messages of 2 GiB and more, so a single-file model must stay below.
    private const long MaxSingleFileBytes = int.MaxValue;
    private const int WriteBufferBytes = 1 << 20;
    private const string SourceKey = "lostengine.source";

    /// <summary>The architectures the importer has a graph for, by catalogue name (e.g. <c>dino-vits16</c>, <c>dinov2-vitb14-reg</c>).</summary>
    public static IReadOnlyList<string> TemplateNames => GraphTemplates.Names;

    /// <summary>
    /// Writes the model for <paramref name="architecture"/> with the weights <paramref name="tensors"/> (every tensor
    /// of the backbone's state dict, each once) to <paramref name="outputPath"/>.
    /// </summary>
    /// <exception cref="LostInputException">No graph template fits <paramref name="architecture"/>, or the weights need external data and it was refused.</exception>
    /// <exception cref="TensorMismatchException">A tensor is missing, not part of the graph, or of the wrong shape; nothing was written.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled; nothing was left behind.</exception>
    /// <exception cref="IOException">The output cannot be written (a full disk, a missing permission); nothing was left behind.</exception>
    public static OnnxWriteResult Write(IEnumerable<NamedTensor> tensors, GraphArchitecture architecture, string outputPath, OnnxWriteOptions? options = null)
        => Write(GraphTemplates.For(architecture), tensors, outputPath, options);

    internal static OnnxWriteResult Write(OnnxTemplate template, IEnumerable<NamedTensor> tensors, string outputPath, OnnxWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(outputPath);
        options ??= OnnxWriteOptions.Default;
        var weights = TemplateMatch.Weights(template, tensors);
        string modelPath = Path.GetFullPath(outputPath);
        if (Directory.Exists(modelPath))
        {
            throw new LostInputException($"output '{outputPath}'", "is a folder; give the model's file name.");
        }
        var metadata = Metadata(template, options.Source);
        bool external = options.ExternalData
            ?? new OnnxFileLayout(template, weights, metadata, dataLocation: null).ModelBytes > MaxSingleFileBytes;
        string? dataPath = external ? modelPath + ".data" : null;
        var layout = new OnnxFileLayout(template, weights, metadata, dataPath is null ? null : Path.GetFileName(dataPath));
        if (dataPath is null && layout.ModelBytes > MaxSingleFileBytes)
        {
            throw new LostInputException("--single-file",
                $"given, but the model would take {layout.ModelBytes} bytes, over ONNX's 2 GiB single-file limit; "
                + "leave it out to write the weights to a data file beside the model.");
        }
        var counter = new WriteCounter(options.Progress, layout.ModelBytes + layout.DataBytes, options.CancellationToken);
        using var data = dataPath is null ? null : AtomicFile.Create(dataPath);
        if (data is not null)
        {
            // Not disposed: that would close the file before the commit; the layout flushes it.
            layout.WriteData(new BufferedStream(data.Stream, WriteBufferBytes), counter);
        }
        using var model = AtomicFile.Create(modelPath);
        layout.WriteModel(new BufferedStream(model.Stream, WriteBufferBytes), counter);
        data?.Commit();
        try
        {
            model.Commit();
        }
        catch when (dataPath is not null)
        {
            File.Delete(dataPath);
            throw;
        }
        return new OnnxWriteResult(modelPath, dataPath, layout.ModelBytes + layout.DataBytes, template.Name);
    }

    private static List<KeyValuePair<string, string>> Metadata(OnnxTemplate template, string source)
    {
        var metadata = template.Metadata.Where(p => p.Key != SourceKey).ToList();
        if (!string.IsNullOrEmpty(source))
        {
            metadata.Add(new(SourceKey, source));
        }
        return metadata;
    }
}
