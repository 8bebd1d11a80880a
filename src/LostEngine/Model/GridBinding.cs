using Microsoft.ML.OnnxRuntime;

namespace LostEngine.Model;

/// <summary>
/// The input and output buffers of one padded image size, bound once to an <see cref="OrtIoBinding"/>. The caller
/// writes the normalised planar image into <see cref="Input"/>, the <see cref="KeyExtractor"/> runs, and the
/// features are read in place from the output buffers; nothing is copied or allocated per call. Once disposed (with
/// its extractor, or evicted from the extractor's cache) its buffers are gone, and reading them throws
/// <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class GridBinding : IDisposable
{
    private readonly BoundTensor _input;
    private readonly BoundTensor?[] _outputs = new BoundTensor?[4];
    private readonly OrtIoBinding _ioBinding;
    private bool _disposed;

    internal GridBinding(DinoModel model, ModelOutputs outputs, int paddedHeight, int paddedWidth, OrtAllocator? pinnedAllocator)
    {
        var info = model.Info;
        PaddedHeight = paddedHeight;
        PaddedWidth = paddedWidth;
        Rows = paddedHeight / info.PatchSize;
        Cols = paddedWidth / info.PatchSize;
        Dim = info.EmbedDim;
        Heads = info.NumHeads;
        PrefixTokens = info.PrefixTokens;
        Outputs = outputs;
        _ioBinding = model.Session.CreateIoBinding();
        try
        {
            _input = Allocate(pinnedAllocator, [1, 3, paddedHeight, paddedWidth]);
            IoBinding.BindInput(ModelContract.InputName, _input.Value);
            for (int i = 0; i < ModelContract.EachOutput.Count; i++)
            {
                var flag = ModelContract.EachOutput[i];
                if ((outputs & flag) == 0)
                {
                    continue;
                }
                long[] shape = flag == ModelOutputs.ClsAttention ? [1, Heads, Patches] : [1, PrefixTokens + Patches, Dim];
                var tensor = Allocate(pinnedAllocator, shape);
                _outputs[i] = tensor;
                IoBinding.BindOutput(ModelContract.OutputName(flag), tensor.Value);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Height of the padded image, a multiple of the patch size.</summary>
    public int PaddedHeight { get; }

    /// <summary>Width of the padded image, a multiple of the patch size.</summary>
    public int PaddedWidth { get; }

    /// <summary>Rows of the patch grid.</summary>
    public int Rows { get; }

    /// <summary>Columns of the patch grid.</summary>
    public int Cols { get; }

    /// <summary>Patches N = rows × cols.</summary>
    public int Patches => Rows * Cols;

    /// <summary>Feature width d.</summary>
    public int Dim { get; }

    /// <summary>Attention heads.</summary>
    public int Heads { get; }

    /// <summary>Tokens before the patches in q, k and v: the CLS token and any registers.</summary>
    public int PrefixTokens { get; }

    /// <summary>The outputs bound.</summary>
    public ModelOutputs Outputs { get; }

    /// <exception cref="ObjectDisposedException">The binding was disposed.</exception>
    internal OrtIoBinding IoBinding
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _ioBinding;
        }
    }

    /// <summary>The model input, planar [3, padded height, padded width]; the caller fills every value.</summary>
    /// <exception cref="ObjectDisposedException">The binding was disposed.</exception>
    public Span<float> Input
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _input.Span;
        }
    }

    /// <summary>One feature of every token, [P+N, d] row-major: the <see cref="PrefixTokens"/> rows (CLS, then any registers) first.</summary>
    /// <exception cref="InvalidOperationException">The output was not bound.</exception>
    /// <exception cref="ObjectDisposedException">The binding was disposed.</exception>
    public ReadOnlySpan<float> Tokens(FeatureKind kind) => Output(kind.Output());

    /// <summary>One feature of the patches only, [N, d] row-major: the CLS and register rows skipped, no copy.</summary>
    public ReadOnlySpan<float> Features(FeatureKind kind) => Tokens(kind)[(PrefixTokens * Dim)..];

    /// <summary>The last block's attention of the CLS query to the patches, [heads, N] row-major.</summary>
    public ReadOnlySpan<float> ClsAttention => Output(ModelOutputs.ClsAttention);

    private ReadOnlySpan<float> Output(ModelOutputs flag)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int index = System.Numerics.BitOperations.Log2((uint)flag);
        var tensor = _outputs[index]
            ?? throw new InvalidOperationException($"Output '{ModelContract.OutputName(flag)}' was not bound (bound: {Outputs}).");
        return tensor.Span;
    }

    private static BoundTensor Allocate(OrtAllocator? pinnedAllocator, long[] shape)
        => pinnedAllocator is null ? BoundTensor.Pinned(shape) : BoundTensor.FromAllocator(pinnedAllocator, shape);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _ioBinding.Dispose();
        _input?.Dispose();
        foreach (var output in _outputs)
        {
            output?.Dispose();
        }
    }
}
