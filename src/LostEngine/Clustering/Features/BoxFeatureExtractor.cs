using LostEngine.Clustering.Features.Crop;
using LostEngine.Clustering.Features.Resize;
using LostEngine.Evaluation;
using LostEngine.Imaging;
using LostEngine.Memory;
using LostEngine.Model;
using LostEngine.Threading;
using Microsoft.ML.OnnxRuntime;

namespace LostEngine.Clustering.Features;

/// <summary>
/// The feature cluster_for_OD.py clusters a predicted box by: the image decoded and normalised as LOST's dataset does
/// (PIL's <c>convert("RGB")</c>, ToTensor, ImageNet normalisation, no padding), cropped to rows
/// <c>round(y1):round(y2)</c> and columns <c>round(x1):round(x2)</c> (Python's rounding of halves to even and its
/// slicing, so clipped at the border and a negative bound counted from the end), resized with torchvision's bicubic on
/// tensors so that its shorter side is 256 pixels, run through the model unpadded (the patch embedding drops the
/// remainder), and the CLS token after the final norm, L2-normalised. The model needs the <c>cls_embedding</c> output.
/// </summary>
/// <remarks>
/// Only the crop is normalised (normalisation is per pixel, so cropping first changes nothing). The L2 norm is taken in
/// double, where torch takes it in float32: the two differ by a few float32 ulps. A box whose crop is empty
/// (<see cref="BoxCropException"/>) or whose resized crop would need more memory than the process may use
/// (<see cref="CropMemoryException"/>) fails alone; the reference stops on the first and runs out of memory on the
/// second. One call at a time: a call that overlaps another throws <see cref="InvalidOperationException"/>; create one
/// extractor per thread over a shared model.
/// </remarks>
public sealed class BoxFeatureExtractor : IDisposable
{
    // torch's F.normalize: x / max(‖x‖₂, eps).
    private const double NormEpsilon = 1e-12;

    private readonly ClsEmbeddingRunner _runner;
    private readonly ImageDecoder _decoder;
    private readonly BicubicResizer _resizer = new();
    private float[] _crop = [];
    private long _largestFitted;
    private CallGate _gate;

    /// <summary>Creates an extractor over <paramref name="model"/>, decoding images of at most <paramref name="pixelLimit"/> pixels.</summary>
    /// <exception cref="ModelFormatException">The model has no <c>cls_embedding</c> output; the message says how to export it again.</exception>
    /// <exception cref="LostInputException"><paramref name="pixelLimit"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public BoxFeatureExtractor(DinoModel model, long pixelLimit = ImageDecoder.DefaultPixelLimit)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.ThrowIfDisposed();
        _decoder = new ImageDecoder(pixelLimit);
        _runner = new ClsEmbeddingRunner(model);
        Model = model;
    }

    /// <summary>The model the features come from.</summary>
    public DinoModel Model { get; }

    /// <summary>The feature width d.</summary>
    public int Dim => _runner.Dim;

    /// <summary>
    /// The memory this process may still use, asked before a crop whose estimate is above every one that already ran;
    /// tests give a small one instead of needing a box that really exhausts the machine.
    /// </summary>
    internal Func<MemoryBudget> MemoryBudget { get; set; } = ProcessMemory.Budget;

    /// <summary>Decodes the image at <paramref name="imagePath"/> and returns the feature of <paramref name="box"/>, d floats of unit L2 norm.</summary>
    /// <exception cref="ImageDecodeException">The file is missing, not a regular file, or not a readable image.</exception>
    /// <exception cref="ImageTooLargeException">The image has more pixels than the pixel limit.</exception>
    /// <exception cref="BoxCropException">The box crops nothing of the image, or a coordinate is not finite.</exception>
    /// <exception cref="CropMemoryException">The resized crop needs more memory than the process may use.</exception>
    /// <exception cref="ModelOutOfMemoryException">ONNX Runtime could not allocate what the crop needs.</exception>
    /// <exception cref="ModelFormatException">ONNX Runtime rejected the run.</exception>
    public float[] Extract(string imagePath, BoundingBox box)
    {
        ArgumentNullException.ThrowIfNull(imagePath);
        using var call = _gate.Enter(this);
        var feature = new float[Dim];
        ExtractFile(imagePath, box, feature);
        return feature;
    }

    /// <summary>
    /// Writes the feature of <paramref name="box"/> in a decoded frame of <paramref name="width"/> × <paramref name="height"/>
    /// pixels (rows every <paramref name="stride"/> bytes) into <paramref name="feature"/> (at least <see cref="Dim"/> floats);
    /// <paramref name="name"/> names the frame in errors.
    /// </summary>
    /// <exception cref="LostInputException">The frame's sizes, stride or buffers are inconsistent.</exception>
    /// <exception cref="BoxCropException">The box crops nothing of the image, or a coordinate is not finite.</exception>
    /// <exception cref="CropMemoryException">The resized crop needs more memory than the process may use.</exception>
    /// <exception cref="ModelOutOfMemoryException">ONNX Runtime could not allocate what the crop needs.</exception>
    /// <exception cref="ModelFormatException">ONNX Runtime rejected the run.</exception>
    public void Extract(ReadOnlySpan<byte> pixels, int width, int height, int stride, PixelFormat format, BoundingBox box, string name, Span<float> feature)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var call = _gate.Enter(this);
        ExtractFrame(pixels, width, height, stride, format, box, name, feature);
    }

    /// <summary>
    /// The features of <paramref name="requests"/>, in their order. A box that fails (its image unreadable, its crop
    /// empty or too thin to run, the model failing on it) is listed in <see cref="BoxFeatureSet.Failures"/> and the
    /// rest go on; cancelling stops between boxes and returns what was done, with <see cref="BoxFeatureSet.Cancelled"/> set.
    /// </summary>
    public BoxFeatureSet ExtractAll(IReadOnlyList<BoxFeatureRequest> requests, IProgress<BoxFeatureProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        using var call = _gate.Enter(this);
        int dim = Dim;
        // Grown as boxes go through, so a long list of failures or an early cancel never holds a row per request.
        var rows = new float[Math.Min(requests.Count, 64) * dim];
        var extracted = new List<int>();
        var failures = new List<BoxFeatureFailure>();
        bool cancelled = false;
        for (int i = 0; i < requests.Count; i++)
        {
            if (cancellation.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }
            var request = requests[i] ?? throw new LostInputException("requests", $"entry {i} is null.");
            if ((long)(extracted.Count + 1) * dim > rows.Length)
            {
                Array.Resize(ref rows, (int)Math.Min((long)rows.Length * 2, Array.MaxLength / dim * dim));
            }
            try
            {
                ExtractFile(request.ImagePath, request.Box, rows.AsSpan(extracted.Count * dim, dim));
                extracted.Add(i);
            }
            catch (Exception e) when (e is LostInputException or OnnxRuntimeException or OutOfMemoryException)
            {
                // One box the model cannot take must not end a run of thousands; the failure says why.
                failures.Add(new BoxFeatureFailure(i, request, e.Message));
            }
            progress?.Report(new BoxFeatureProgress(i + 1, requests.Count, failures.Count));
        }
        var features = new float[extracted.Count, dim];
        Buffer.BlockCopy(rows, 0, features, 0, extracted.Count * dim * sizeof(float));
        return new BoxFeatureSet(features, extracted, failures, cancelled);
    }

    private void ExtractFile(string path, BoundingBox box, Span<float> feature)
    {
        var image = _decoder.DecodeFile(path);
        ExtractFrame(_decoder.Pixels, image.Width, image.Height, image.Stride, image.Format, box, path, feature);
    }

    private void ExtractFrame(ReadOnlySpan<byte> pixels, int width, int height, int stride, PixelFormat format, BoundingBox box, string name,
        Span<float> feature)
    {
        if (feature.Length < Dim)
        {
            throw new LostInputException("feature", $"has {feature.Length} floats; the model's features have {Dim}.");
        }
        ImagePreprocessor.RequireFrame(pixels, width, height, stride, format);
        var region = Region(box, width, height, name);
        var (resizedHeight, resizedWidth) = ShortSideResize.Target(region.Height, region.Width);
        RequireMemory(name, box, region, resizedHeight, resizedWidth);
        int outHeight = (int)resizedHeight, outWidth = (int)resizedWidth;

        int cropLength = 3 * region.Height * region.Width;
        if (_crop.Length < cropLength)
        {
            _crop = GC.AllocateUninitializedArray<float>(cropLength);
        }
        var crop = _crop.AsSpan(0, cropLength);
        var corner = pixels[(region.Top * stride + region.Left * format.BytesPerPixel())..];
        ImagePreprocessor.Preprocess(corner, region.Width, region.Height, stride, format, crop, region.Height, region.Width);
        _resizer.Resize(crop, 3, region.Height, region.Width, _runner.Input(outHeight, outWidth), outHeight, outWidth);
        var embedding = _runner.Run(outHeight, outWidth);
        float norm = (float)Math.Max(Math.Sqrt(SumOfSquares(embedding)), NormEpsilon);
        for (int i = 0; i < embedding.Length; i++)
        {
            feature[i] = embedding[i] / norm;
        }
    }

    private static CropRegion Region(BoundingBox box, int width, int height, string name)
    {
        CropRegion region;
        try
        {
            region = BoxCrop.Of(box, width, height);
        }
        catch (ArgumentException e)
        {
            throw new BoxCropException(name, box, e.Message);
        }
        if (region.IsEmpty)
        {
            throw new BoxCropException(name, box,
                $"crops rows {region.Top}:{region.Top + region.Height} and columns {region.Left}:{region.Left + region.Width} of a "
                + $"{width}x{height} image (rounded halves to even, Python's slicing): nothing is left to describe.");
        }
        return region;
    }

    /// <summary>
    /// Refuses a crop the process cannot hold the model's work for, from the estimate of the model on the resized crop
    /// plus the crop and the resize's intermediate rows. The budget is read only for an estimate above every one that
    /// already ran.
    /// </summary>
    private void RequireMemory(string name, BoundingBox box, CropRegion region, long resizedHeight, long resizedWidth)
    {
        bool onHost = Model.Provider == ExecutionProviderKind.Cpu;
        long model = MemoryEstimate.ModelBytes(Model.Info, ModelOutputs.None, resizedHeight, resizedWidth, onHost);
        long buffers = (3L * region.Height * region.Width + (long)region.Height * resizedWidth) * sizeof(float);
        long needed = model > long.MaxValue - buffers ? long.MaxValue : model + buffers;
        // One buffer holds each plane set, so its element count is bounded whatever the budget says.
        bool oneBuffer = 3 * resizedHeight * resizedWidth <= Array.MaxLength && (long)region.Height * resizedWidth <= Array.MaxLength;
        if (oneBuffer && needed <= _largestFitted)
        {
            return;
        }
        var budget = MemoryBudget();
        if (!oneBuffer || needed > budget.Bytes)
        {
            throw new CropMemoryException(name, box, region.Height, region.Width, resizedHeight, resizedWidth, needed, budget.Bytes, budget.Source);
        }
        _largestFitted = needed;
    }

    private static double SumOfSquares(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += (double)v * v;
        }
        return sum;
    }

    /// <summary>Frees the runtime's objects; the model stays the caller's. A second call does nothing.</summary>
    /// <exception cref="InvalidOperationException">A call is running on this extractor on another thread.</exception>
    public void Dispose()
    {
        if (_gate.Close(this))
        {
            _runner.Dispose();
        }
    }
}
