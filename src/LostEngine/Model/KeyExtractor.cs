using LostEngine.Threading;
using Microsoft.ML.OnnxRuntime;

namespace LostEngine.Model;

/// <summary>
/// Runs a <see cref="DinoModel"/> on images of changing sizes through IO bindings: one <see cref="GridBinding"/>
/// per padded size, kept in a small least-recently-used cache, so a stream of same-sized frames rebinds nothing
/// and each run is one <c>RunWithBinding</c> into buffers the engine owns. Only the outputs the method needs
/// are bound, so ONNX Runtime does not copy out the others.
/// </summary>
/// <remarks>
/// It serves one call at a time, as it owns its bindings: a call that overlaps another throws
/// <see cref="InvalidOperationException"/>. Use one extractor per thread; several may share one model. After
/// <see cref="Dispose"/> its bindings are freed and <see cref="Bind"/> and <see cref="Run"/> throw
/// <see cref="ObjectDisposedException"/>.
/// </remarks>
public sealed class KeyExtractor : IDisposable
{
    /// <summary>Sizes kept bound by default: enough for a camera plus a few still sizes without thrashing.</summary>
    public const int DefaultCacheSize = 4;

    private readonly DinoModel _model;
    private readonly RunOptions _runOptions = new();
    private readonly OrtMemoryInfo? _pinnedInfo;
    private readonly OrtAllocator? _pinnedAllocator;
    private readonly GridBinding?[] _slots;
    private readonly long[] _lastUse;
    private CallGate _gate;
    private long _clock;

    /// <summary>Creates an extractor that binds <paramref name="outputs"/>.</summary>
    /// <exception cref="ModelFormatException">The model lacks one of the outputs, or its head count for <c>cls_attention</c>.</exception>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public KeyExtractor(DinoModel model, ModelOutputs outputs, int cacheSize = DefaultCacheSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.ThrowIfDisposed();
        if (outputs == ModelOutputs.None)
        {
            throw new LostInputException(nameof(outputs), "at least one model output must be bound.");
        }
        if (cacheSize < 1)
        {
            throw new LostInputException(nameof(cacheSize), $"must be at least 1, got {cacheSize}.");
        }
        ModelContract.Require(model.Info, outputs);
        if ((outputs & ModelOutputs.ClsAttention) != 0 && model.Info.NumHeads < 1)
        {
            throw new ModelFormatException(model.Info.Path,
                $"has no '{ModelContract.NumHeadsKey}' metadata and cls_attention has no static head count.");
        }
        _model = model;
        Outputs = outputs;
        _slots = new GridBinding?[cacheSize];
        _lastUse = new long[cacheSize];
        if (model.Provider is ExecutionProviderKind.Cuda or ExecutionProviderKind.TensorRT)
        {
            (_pinnedInfo, _pinnedAllocator, MemoryNote) = CudaPinned(model);
        }
        else
        {
            MemoryNote = "pinned managed arrays (CPU)";
        }
    }

    /// <summary>The model this extractor runs.</summary>
    public DinoModel Model => _model;

    /// <summary>The outputs bound for each size.</summary>
    public ModelOutputs Outputs { get; }

    /// <summary>Where the bound buffers live, and why, for logs.</summary>
    public string MemoryNote { get; }

    /// <summary>How many bindings were created so far (one per cache miss).</summary>
    public int BindingsCreated { get; private set; }

    /// <summary>
    /// The binding for a padded image of <paramref name="paddedHeight"/> × <paramref name="paddedWidth"/> pixels
    /// (both multiples of the patch size): from the cache, or created, evicting (and disposing) the least recently used.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another call is running on this extractor.</exception>
    /// <exception cref="ObjectDisposedException">The extractor or its model was disposed.</exception>
    public GridBinding Bind(int paddedHeight, int paddedWidth)
    {
        using var call = _gate.Enter(this);
        int patch = _model.Info.PatchSize;
        if (paddedHeight < patch || paddedWidth < patch || paddedHeight % patch != 0 || paddedWidth % patch != 0)
        {
            throw new LostInputException("padded_size",
                $"{paddedHeight}x{paddedWidth} is not a positive multiple of the patch size {patch} in both directions.");
        }
        _clock++;
        int victim = 0;
        for (int i = 0; i < _slots.Length; i++)
        {
            var slot = _slots[i];
            if (slot is not null && slot.PaddedHeight == paddedHeight && slot.PaddedWidth == paddedWidth)
            {
                _lastUse[i] = _clock;
                return slot;
            }
            if (slot is null ? _slots[victim] is not null : _slots[victim] is not null && _lastUse[i] < _lastUse[victim])
            {
                victim = i;
            }
        }
        _slots[victim]?.Dispose();
        _slots[victim] = null;
        var binding = new GridBinding(_model, Outputs, paddedHeight, paddedWidth, _pinnedAllocator);
        _slots[victim] = binding;
        _lastUse[victim] = _clock;
        BindingsCreated++;
        return binding;
    }

    /// <summary>Runs the model on what <paramref name="binding"/>'s input holds; the outputs are then valid.</summary>
    /// <exception cref="ModelFormatException">ONNX Runtime rejected the run, e.g. the outputs' shapes disagree with the metadata.</exception>
    /// <exception cref="InvalidOperationException">Another call is running on this extractor.</exception>
    /// <exception cref="ObjectDisposedException">The extractor, its model or the binding was disposed.</exception>
    /// <exception cref="ModelOutOfMemoryException">ONNX Runtime could not allocate what this grid needs; the extractor stays usable.</exception>
    public void Run(GridBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        using var call = _gate.Enter(this);
        try
        {
            _model.Session.RunWithBinding(_runOptions, binding.IoBinding);
            if (_pinnedAllocator is not null)
            {
                binding.IoBinding.SynchronizeBoundOutputs();
            }
        }
        catch (OnnxRuntimeException e) when (OnnxRuntimeFailure.IsOutOfMemory(e))
        {
            throw ModelOutOfMemoryException.Running(_model, binding.Rows, binding.Cols, e);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFormatException(_model.Info.Path,
                $"running it on a {binding.Rows}x{binding.Cols} patch grid failed: {e.Message}", e);
        }
    }

    private static (OrtMemoryInfo?, OrtAllocator?, string) CudaPinned(DinoModel model)
    {
        // Page-locked host memory from the CUDA provider's pinned allocator: ONNX Runtime copies the outputs into
        // it straight from the device, and the engine reads them as ordinary host memory.
        var info = new OrtMemoryInfo("CudaPinned", OrtAllocatorType.DeviceAllocator, model.Options.DeviceId, OrtMemType.CpuOutput);
        try
        {
            return (info, new OrtAllocator(model.Session, info), $"CUDA-pinned host memory (device {model.Options.DeviceId})");
        }
        catch (OnnxRuntimeException e)
        {
            info.Dispose();
            return (null, null, $"pinned managed arrays: the session has no CUDA-pinned allocator ({e.Message})");
        }
    }

    /// <summary>Frees the bindings and the runtime's objects; a second call does nothing.</summary>
    /// <exception cref="InvalidOperationException">A call is running on this extractor on another thread.</exception>
    public void Dispose()
    {
        if (!_gate.Close(this))
        {
            return;
        }
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i]?.Dispose();
            _slots[i] = null;
        }
        _pinnedAllocator?.Dispose();
        _pinnedInfo?.Dispose();
        _runOptions.Dispose();
    }
}
