using BenchmarkDotNet.Attributes;
using LostEngine.Imaging;
using LostEngine.Kernel;
using LostEngine.Model;
using LostEngine.Pipeline;
using SkiaSharp;

namespace LostEngine.Benchmarks;

/// <summary>
/// Each stage of <see cref="LostLocalizer"/> on one 480×640 image, and the whole call: decode (JPEG in memory),
/// preprocessing into the bound input, the model, the kernel. The model is the file named by the environment
/// variable <c>LOSTENGINE_BENCH_MODEL</c> (a ViT-S/16 exported with random weights is what the committed
/// results use), else the tiny test model, whose model stage means little.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const int Height = 480;
    private const int Width = 640;

    private byte[] _jpeg = [];
    private byte[] _rgba = [];
    private ImageDecoder _decoder = null!;
    private LostLocalizer _localizer = null!;
    private GridBinding _binding = null!;
    private LostWorkspace _workspace = null!;
    private LostParameters _parameters;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string model = Environment.GetEnvironmentVariable("LOSTENGINE_BENCH_MODEL")
            ?? Path.Combine(RepositoryRoot(), "tests", "fixtures", "tiny", "tiny-vit.onnx");
        _jpeg = SyntheticJpeg();
        _decoder = new ImageDecoder();
        _decoder.Decode(_jpeg, "synthetic.jpg");
        _rgba = _decoder.Pixels.ToArray();
        _localizer = new LostLocalizer(new LocalizerOptions { ModelPath = model, IntraOpThreads = Threads, Kernel = new LostKernelOptions(Threads: Threads) });
        int patch = _localizer.Model.Info.PatchSize;
        _binding = _localizer.Extractor.Bind(ImagePreprocessor.PaddedSize(Height, patch), ImagePreprocessor.PaddedSize(Width, patch));
        ImagePreprocessor.Preprocess(_rgba, Width, Height, Width * 4, PixelFormat.Rgba32, _binding.Input, _binding.PaddedHeight, _binding.PaddedWidth);
        _localizer.Extractor.Run(_binding);
        _workspace = new LostWorkspace(_binding.Patches, _binding.Dim, new LostKernelOptions(Threads: Threads));
        _parameters = LostParameters.ForVit(_binding.Rows, _binding.Cols, patch, Height, Width);
    }

    [Benchmark]
    public DecodedImage Decode() => _decoder.Decode(_jpeg, "synthetic.jpg");

    [Benchmark]
    public void Preprocess() => ImagePreprocessor.Preprocess(_rgba, Width, Height, Width * 4, PixelFormat.Rgba32,
        _binding.Input, _binding.PaddedHeight, _binding.PaddedWidth);

    [Benchmark]
    public void Model() => _localizer.Extractor.Run(_binding);

    [Benchmark]
    public LostResult Kernel() => LostKernel.Run(_binding.Features(FeatureKind.K), _binding.Dim, _parameters, _workspace);

    [Benchmark]
    public LocalizationResult WholeFromJpeg() => _localizer.LocalizeEncoded(_jpeg, "synthetic.jpg");

    [GlobalCleanup]
    public void Cleanup()
    {
        _workspace.Dispose();
        _localizer.Dispose();
    }

    // A photo-like scene (textured background, one object), so the JPEG decoder does realistic work.
    private static byte[] SyntheticJpeg()
    {
        using var bitmap = new SKBitmap(Width, Height);
        using (var canvas = new SKCanvas(bitmap))
        {
            var random = new Random(7);
            canvas.Clear(new SKColor(90, 130, 70));
            using var paint = new SKPaint { IsAntialias = true };
            for (int i = 0; i < 400; i++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                canvas.DrawCircle(random.Next(Width), random.Next(Height), random.Next(2, 20), paint);
            }
            paint.Color = new SKColor(220, 30, 30);
            canvas.DrawOval(new SKRect(220, 120, 420, 360), paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LostEngine.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"LostEngine.sln not found above {AppContext.BaseDirectory}; set LOSTENGINE_BENCH_MODEL.");
    }
}
