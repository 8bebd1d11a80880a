using BenchmarkDotNet.Attributes;
using LostEngine.Kernel;

namespace LostEngine.Benchmarks;

/// <summary>
/// <see cref="LostKernel.Run"/> on random keys of ViT-like shapes (N = 768, 1200, 4800 patches; d = 384 or
/// 768), for every SIMD width this CPU runs, each similarity backend and one or two threads.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(KernelBenchmarkConfig))]
public class KernelBenchmarks
{
    private static readonly (int N, int Dim)[] Shapes = [(768, 384), (1200, 384), (4800, 384), (1200, 768)];

    private float[] _keys = [];
    private LostParameters _parameters;
    private LostWorkspace? _workspace;

    [ParamsSource(nameof(Cases))]
    public KernelCase Case { get; set; } = new(768, 384, KernelWidth.Scalar);

    [Params(SimilarityBackend.Managed, SimilarityBackend.Cblas)]
    public SimilarityBackend Backend { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>
    /// Every shape at every vector width the CPU runs. Scalar only at the smallest shape: it is the baseline
    /// the widths are compared with, and at N = 4800 one call takes seconds, which would make the suite run
    /// for most of an hour while telling nothing the small shape does not.
    /// </summary>
    public static IEnumerable<KernelCase> Cases()
    {
        yield return new KernelCase(Shapes[0].N, Shapes[0].Dim, KernelWidth.Scalar);
        foreach (var width in new[] { KernelWidth.Vector256, KernelWidth.Vector512 })
        {
            if (!KernelWidthSelector.IsSupported(width))
            {
                continue;
            }
            foreach (var (n, dim) in Shapes)
            {
                yield return new KernelCase(n, dim, width);
            }
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _keys = LostEngine.Diagnostics.SyntheticKeys.Gaussian(Case.N, Case.Dim);
        int rows = (int)Math.Sqrt(Case.N);
        while (Case.N % rows != 0)
        {
            rows--;
        }
        _parameters = LostParameters.ForGrid(rows, Case.N / rows, 16);
        try
        {
            _workspace = new LostWorkspace(Case.N, Case.Dim, new LostKernelOptions(Case.Width, Backend, Threads));
        }
        catch (LostInputException e)
        {
            // BenchmarkDotNet reports a failed setup with this message next to the case instead of a number.
            throw new InvalidOperationException($"{Backend} backend with {Case} on {Threads} thread(s) is not available here: {e.Message}", e);
        }
    }

    [Benchmark]
    public LostResult Run() => LostKernel.Run(_keys, Case.Dim, _parameters, _workspace!);

    [GlobalCleanup]
    public void Cleanup() => _workspace?.Dispose();
}
