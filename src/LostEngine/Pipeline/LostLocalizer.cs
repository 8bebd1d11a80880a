using System.Diagnostics;
using LostEngine.Imaging;
using LostEngine.Kernel;
using LostEngine.Memory;
using LostEngine.Model;
using LostEngine.Threading;

namespace LostEngine.Pipeline;

/// <summary>
/// From image to box: decode (files), normalise and pad straight into the model's bound input, one ONNX Runtime
/// run, then LOST, TokenCut or MaskCut on the chosen features (or DINO-seg on the CLS attention). A frame handed in
/// as pixels allocates no managed memory once its size has been seen.
/// </summary>
/// <remarks>
/// <b>Thread-safety:</b> a localizer serves one call at a time. It owns its decoder buffer, its model bindings (input
/// and output buffers per image size) and its kernel workspaces, and every call reuses them, so a call that overlaps
/// another throws <see cref="InvalidOperationException"/>. Use one localizer per thread, or a pool of them; several
/// localizers may share one <see cref="DinoModel"/> (its ONNX Runtime session is thread-safe) through
/// <see cref="LostLocalizer(DinoModel, LocalizerOptions)"/>. After <see cref="Dispose"/> every call and every
/// member but <see cref="Options"/> throws <see cref="ObjectDisposedException"/>.
/// </remarks>
public sealed class LostLocalizer : IDisposable
{
    private readonly LocalizerOptions _options;
    private readonly bool _ownsModel;
    private readonly KeyExtractor _extractor;
    private readonly ImageDecoder _decoder;
    private LostWorkspace? _lostWorkspace;
    private NcutWorkspace? _ncutWorkspace;
    private DinoSegWorkspace? _dinoSegWorkspace;
    private GridBinding? _lastBinding;
    private CallGate _gate;
    private byte[] _scaled = [];
    private long[] _scaledRowSums = [];
    private int _scaledLength;
    private long _largestFitted;

    /// <summary>Loads the model of <paramref name="options"/> and prepares a localizer that owns it.</summary>
    /// <exception cref="LostInputException">An option is invalid, the model is bad (<see cref="ModelFormatException"/>),
    /// or its provider cannot load (<see cref="ExecutionProviderUnavailableException"/>).</exception>
    public LostLocalizer(LocalizerOptions options)
        : this(LoadModel(options), options, ownsModel: true)
    {
    }

    /// <summary>A localizer over a model shared with others; the model is not disposed with it.</summary>
    public LostLocalizer(DinoModel model, LocalizerOptions options)
        : this(model, options, ownsModel: false)
    {
    }

    private LostLocalizer(DinoModel model, LocalizerOptions options, bool ownsModel)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        _ownsModel = ownsModel;
        try
        {
            options.Validate();
            if (options.Method == LocalizationMethod.DinoSeg && model.Info.NumHeads > 0 && options.DinoSegHead >= model.Info.NumHeads)
            {
                throw new LostInputException("dinoseg_head",
                    $"{options.DinoSegHead} is not a head of model '{model.Info.Path}'; it has {model.Info.NumHeads} heads, numbered 0 to {model.Info.NumHeads - 1}.");
            }
            _options = options;
            _decoder = new ImageDecoder(options.PixelLimit);
            _extractor = new KeyExtractor(model, options.RequiredOutputs, options.BindingCacheSize);
        }
        catch
        {
            if (ownsModel)
            {
                model.Dispose();
            }
            throw;
        }
    }

    /// <summary>The model this localizer runs.</summary>
    public DinoModel Model => _gate.Open(_extractor, this).Model;

    /// <summary>The options it was built with.</summary>
    public LocalizerOptions Options => _options;

    /// <summary>The extractor, for its binding statistics and memory placement.</summary>
    public KeyExtractor Extractor => _gate.Open(_extractor, this);

    /// <summary>The binding of the last call: its bound outputs hold that call's features until the next call.</summary>
    /// <exception cref="InvalidOperationException">No call was made yet.</exception>
    public GridBinding LastBinding => _gate.Open(_lastBinding, this) ?? throw new InvalidOperationException("No image was localized yet.");

    /// <summary>The LOST workspace of the last LOST call (degrees, potentials, similars, map, component).</summary>
    public LostWorkspace? LostDetails => _gate.Open(_lostWorkspace, this);

    /// <summary>
    /// The workspace of the last TokenCut or MaskCut call: the eigenvector, partition and component of the last cut,
    /// and MaskCut's objects, rounds and masks.
    /// </summary>
    public NcutWorkspace? NcutDetails => _gate.Open(_ncutWorkspace, this);

    /// <summary>The DINO-seg workspace of the last DINO-seg call (mask, labels).</summary>
    public DinoSegWorkspace? DinoSegDetails => _gate.Open(_dinoSegWorkspace, this);

    /// <summary>
    /// The memory this process may still use, asked before an image whose estimate is above every one that already
    /// ran; tests give a small one instead of needing a photo that really exhausts the machine.
    /// </summary>
    internal Func<MemoryBudget> MemoryBudget { get; set; } = ProcessMemory.Budget;

    /// <summary>The pixels the model saw on the last call when <see cref="LocalizerOptions.MaxSide"/> downscaled it, rows packed.</summary>
    internal ReadOnlySpan<byte> ScaledPixels => _scaled.AsSpan(0, _scaledLength);

    /// <summary>Decodes the image file and localizes its main object.</summary>
    /// <exception cref="LostInputException">The file cannot be decoded (<see cref="ImageDecodeException"/>), is too large
    /// (<see cref="ImageTooLargeException"/>), or needs more memory than the process may use (<see cref="ImageMemoryException"/>).</exception>
    /// <exception cref="InvalidOperationException">Another call is running on this localizer.</exception>
    /// <exception cref="ObjectDisposedException">The localizer or its model was disposed.</exception>
    public LocalizationResult LocalizeFile(string path)
    {
        using var call = _gate.Enter(this);
        long start = Stopwatch.GetTimestamp();
        var image = _decoder.DecodeFile(path);
        return LocalizeDecoded(image, path, start);
    }

    /// <summary>Decodes an encoded image held in memory (<paramref name="name"/> names it in errors) and localizes it.</summary>
    /// <exception cref="InvalidOperationException">Another call is running on this localizer.</exception>
    /// <exception cref="ObjectDisposedException">The localizer or its model was disposed.</exception>
    public LocalizationResult LocalizeEncoded(ReadOnlySpan<byte> encoded, string name)
    {
        using var call = _gate.Enter(this);
        long start = Stopwatch.GetTimestamp();
        var image = _decoder.Decode(encoded, name);
        return LocalizeDecoded(image, name, start);
    }

    /// <summary>
    /// Localizes the main object of an 8-bit frame whose rows start every <paramref name="stride"/> bytes.
    /// Allocates no managed memory once a frame of this size has been seen.
    /// </summary>
    /// <exception cref="LostInputException">The sizes, stride or buffer are inconsistent, the frame is above the pixel limit,
    /// or it needs more memory than the process may use (<see cref="ImageMemoryException"/>).</exception>
    /// <exception cref="InvalidOperationException">Another call is running on this localizer.</exception>
    /// <exception cref="ObjectDisposedException">The localizer or its model was disposed.</exception>
    public LocalizationResult Localize(ReadOnlySpan<byte> pixels, int width, int height, int stride, PixelFormat format)
        => Localize(pixels, width, height, stride, format, "frame");

    /// <summary>As the public overload; <paramref name="name"/> names the frame in errors (a run's file).</summary>
    internal LocalizationResult Localize(ReadOnlySpan<byte> pixels, int width, int height, int stride, PixelFormat format, string name)
    {
        using var call = _gate.Enter(this);
        long start = Stopwatch.GetTimestamp();
        return Run(pixels, width, height, stride, format, name, start, start);
    }

    private LocalizationResult LocalizeDecoded(DecodedImage image, string name, long start)
        => Run(_decoder.Pixels, image.Width, image.Height, image.Stride, image.Format, name, start, Stopwatch.GetTimestamp());

    private LocalizationResult Run(ReadOnlySpan<byte> pixels, int width, int height, int stride, PixelFormat format, string name, long start, long decoded)
    {
        if ((long)width * height > _options.PixelLimit)
        {
            throw new ImageTooLargeException(name, width, height, _options.PixelLimit);
        }
        var (modelWidth, modelHeight) = ImageDownscaler.TargetSize(width, height, _options.MaxSide);
        int patch = _extractor.Model.Info.PatchSize;
        int paddedHeight = ImagePreprocessor.PaddedSize(modelHeight, patch);
        int paddedWidth = ImagePreprocessor.PaddedSize(modelWidth, patch);
        RequireMemory(name, width, height, modelWidth, modelHeight, paddedHeight, paddedWidth);
        _scaledLength = 0;
        if (modelWidth != width || modelHeight != height)
        {
            pixels = Downscale(pixels, width, height, stride, format, modelWidth, modelHeight);
            stride = modelWidth * format.BytesPerPixel();
        }
        var binding = _extractor.Bind(paddedHeight, paddedWidth);
        ImagePreprocessor.Preprocess(pixels, modelWidth, modelHeight, stride, format, binding.Input, paddedHeight, paddedWidth);
        long preprocessed = Stopwatch.GetTimestamp();
        _extractor.Run(binding);
        _lastBinding = binding;
        long modelled = Stopwatch.GetTimestamp();

        LostResult lost = default;
        DinoSegResult dinoSeg = default;
        TokenCutResult tokenCut = default;
        MaskCutResult maskCut = default;
        var grid = PatchGrid.ForVit(binding.Rows, binding.Cols, patch, modelHeight, modelWidth);
        switch (_options.Method)
        {
            case LocalizationMethod.Lost:
                var parameters = LostParameters.ForVit(binding.Rows, binding.Cols, patch, modelHeight, modelWidth, _options.KPatches);
                lost = LostKernel.Run(binding.Features(_options.Features), binding.Dim, parameters, LostWorkspaceFor(binding.Patches, binding.Dim));
                break;
            case LocalizationMethod.TokenCut:
                tokenCut = TokenCutKernel.Run(binding.Features(_options.Features), binding.Dim, _options.TokenCutParametersFor(grid),
                    NcutWorkspaceFor(binding.Patches, binding.Dim));
                break;
            case LocalizationMethod.MaskCut:
                maskCut = MaskCutKernel.Run(binding.Features(_options.Features), binding.Dim, _options.MaskCutParametersFor(grid),
                    NcutWorkspaceFor(binding.Patches, binding.Dim));
                break;
            case LocalizationMethod.DinoSeg:
                dinoSeg = DinoSeg.Run(binding.ClsAttention, binding.Heads, _options.DinoSegHead, binding.Rows, binding.Cols, patch,
                    _options.DinoSegReferenceCompatible, DinoSegWorkspaceFor(binding.Patches));
                break;
            default:
                throw new InvalidOperationException($"Unknown method {_options.Method}.");
        }
        long done = Stopwatch.GetTimestamp();
        var timings = new StageTimings(
            StageTimings.Milliseconds(start, decoded),
            StageTimings.Milliseconds(decoded, preprocessed),
            StageTimings.Milliseconds(preprocessed, modelled),
            StageTimings.Milliseconds(modelled, done));
        return new LocalizationResult(width, height, binding.Rows, binding.Cols, _options.Method, lost, dinoSeg, tokenCut, maskCut, timings)
        {
            ModelWidth = modelWidth,
            ModelHeight = modelHeight,
        };
    }

    /// <summary>
    /// Refuses an image the process cannot hold the model's work for. The budget is read only for an estimate above
    /// every one that already ran, so a stream of same-sized frames reads no file and allocates nothing.
    /// </summary>
    private void RequireMemory(string name, int width, int height, int modelWidth, int modelHeight, int paddedHeight, int paddedWidth)
    {
        var info = Model.Info;
        bool onHost = Model.Provider == ExecutionProviderKind.Cpu;
        long needed = MemoryEstimate.Bytes(info, _extractor.Outputs, _options.Method, paddedHeight, paddedWidth, onHost);
        if (needed <= _largestFitted)
        {
            return;
        }
        var budget = MemoryBudget();
        if (needed > budget.Bytes)
        {
            int? side = MemoryEstimate.LargestSideWithin(info, _extractor.Outputs, _options.Method, width, height, budget.Bytes, onHost);
            throw new ImageMemoryException(name, modelWidth, modelHeight, needed, budget.Bytes, budget.Source, side);
        }
        _largestFitted = needed;
    }

    private ReadOnlySpan<byte> Downscale(ReadOnlySpan<byte> pixels, int width, int height, int stride, PixelFormat format, int modelWidth, int modelHeight)
    {
        ImagePreprocessor.RequireFrame(pixels, width, height, stride, format);
        int bpp = format.BytesPerPixel();
        int length = modelWidth * bpp * modelHeight;
        // Grown, never shrunk, as the workspaces: a stream of frames of one size allocates once.
        if (_scaled.Length < length)
        {
            _scaled = GC.AllocateUninitializedArray<byte>(length);
        }
        if (_scaledRowSums.Length < modelWidth * bpp)
        {
            _scaledRowSums = new long[modelWidth * bpp];
        }
        ImageDownscaler.Downscale(pixels, width, height, stride, bpp, _scaled, modelWidth, modelHeight, _scaledRowSums);
        _scaledLength = length;
        return _scaled.AsSpan(0, length);
    }

    private LostWorkspace LostWorkspaceFor(int patches, int dim)
    {
        // Grown, never shrunk: a larger image allocates once, every later image of that size or less reuses it.
        if (_lostWorkspace is null || _lostWorkspace.MaxPatches < patches || _lostWorkspace.MaxDim < dim)
        {
            _lostWorkspace?.Dispose();
            _lostWorkspace = new LostWorkspace(Math.Max(patches, _lostWorkspace?.MaxPatches ?? 0), dim, _options.Kernel);
        }
        return _lostWorkspace;
    }

    private NcutWorkspace NcutWorkspaceFor(int patches, int dim)
    {
        // Grown, never shrunk, as the LOST workspace.
        if (_ncutWorkspace is null || _ncutWorkspace.MaxPatches < patches || _ncutWorkspace.MaxDim < dim)
        {
            _ncutWorkspace?.Dispose();
            _ncutWorkspace = new NcutWorkspace(Math.Max(patches, _ncutWorkspace?.MaxPatches ?? 0), dim, _options.Kernel);
        }
        return _ncutWorkspace;
    }

    private DinoSegWorkspace DinoSegWorkspaceFor(int patches)
    {
        if (_dinoSegWorkspace is null || _dinoSegWorkspace.MaxPatches < patches)
        {
            _dinoSegWorkspace = new DinoSegWorkspace(patches);
        }
        return _dinoSegWorkspace;
    }

    private static DinoModel LoadModel(LocalizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return DinoModel.Load(options.ModelPath, options.ToModelOptions());
    }

    /// <summary>Frees the bindings, the workspaces' threads and, when the localizer loaded it, the model; a second call does nothing.</summary>
    /// <exception cref="InvalidOperationException">A call is running on this localizer on another thread.</exception>
    public void Dispose()
    {
        if (!_gate.Close(this))
        {
            return;
        }
        _extractor.Dispose();
        _lostWorkspace?.Dispose();
        _ncutWorkspace?.Dispose();
        if (_ownsModel)
        {
            _extractor.Model.Dispose();
        }
    }
}
