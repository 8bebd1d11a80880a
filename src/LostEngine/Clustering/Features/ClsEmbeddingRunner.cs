using LostEngine.Model;
using Microsoft.ML.OnnxRuntime;

namespace LostEngine.Clustering.Features;

/// <summary>
/// Runs a <see cref="DinoModel"/> on a planar [3, H, W] input of any size, not padded to whole patches (the patch
/// embedding's stride drops the remainder, as DINO's own forward does), and fetches only <c>cls_embedding</c>, the
/// CLS token after the final norm. The input buffer grows to the largest input seen; the output's value is created
/// once. Not thread-safe.
/// </summary>
internal sealed class ClsEmbeddingRunner : IDisposable
{
    private readonly DinoModel _model;
    private readonly RunOptions _runOptions = new();
    private readonly float[] _embedding;
    private readonly OrtValue _embeddingValue;
    private readonly string[] _inputNames = [ModelContract.InputName];
    private readonly string[] _outputNames = [ModelContract.ClsEmbeddingOutput];
    private float[] _input = [];

    /// <exception cref="ModelFormatException">The model has no <c>cls_embedding</c> output.</exception>
    public ClsEmbeddingRunner(DinoModel model)
    {
        if (!model.Session.OutputMetadata.ContainsKey(ModelContract.ClsEmbeddingOutput))
        {
            throw new ModelFormatException(model.Info.Path,
                $"has no output '{ModelContract.ClsEmbeddingOutput}' (the CLS token after the final norm), which box features need; "
                + "models exported before it existed lack it: export it again with `python src/export/export_dino_onnx.py --arch ARCH "
                + "--patch-size P --checkpoint FILE --output MODEL.onnx`, or fetch a catalogue model again with `lost model pull`.");
        }
        _model = model;
        _embedding = new float[model.Info.EmbedDim];
        _embeddingValue = OrtValue.CreateTensorValueFromMemory(_embedding, [1, _embedding.Length]);
    }

    /// <summary>The feature width d.</summary>
    public int Dim => _embedding.Length;

    /// <summary>The input buffer for a <paramref name="height"/> × <paramref name="width"/> image, planar [3, H, W]; the caller fills it.</summary>
    public Span<float> Input(int height, int width)
    {
        int length = checked(3 * height * width);
        if (_input.Length < length)
        {
            _input = GC.AllocateUninitializedArray<float>(length);
        }
        return _input.AsSpan(0, length);
    }

    /// <summary>Runs the model on the last <see cref="Input"/> of this size; returns the CLS embedding, valid until the next run.</summary>
    /// <exception cref="ModelOutOfMemoryException">ONNX Runtime could not allocate what this input needs.</exception>
    /// <exception cref="ModelFormatException">ONNX Runtime rejected the run.</exception>
    public ReadOnlySpan<float> Run(int height, int width)
    {
        int length = 3 * height * width;
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.AsMemory(0, length), [1, 3, height, width]);
        int patch = _model.Info.PatchSize;
        try
        {
            _model.Session.Run(_runOptions, _inputNames, [input], _outputNames, [_embeddingValue]);
        }
        catch (OnnxRuntimeException e) when (OnnxRuntimeFailure.IsOutOfMemory(e))
        {
            throw ModelOutOfMemoryException.Running(_model, height / patch, width / patch, e);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFormatException(_model.Info.Path,
                $"running it on a {height}x{width} input ({height / patch}x{width / patch} patches) failed: {e.Message}", e);
        }
        return _embedding;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _embeddingValue.Dispose();
        _runOptions.Dispose();
    }
}
