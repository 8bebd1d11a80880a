using BenchmarkDotNet.Attributes;
using LostEngine.Diagnostics;
using LostEngine.Kernel;

namespace LostEngine.Benchmarks;

/// <summary>
/// TokenCut and MaskCut next to LOST (the baseline, so the Ratio column reads "times LOST"; TokenCut's target is at
/// most 2.5), on the same synthetic keys with two planted objects (<see cref="SyntheticKeys.WithObjects"/>, seed
/// 517: what <c>lost bench tokencut|maskcut --grid ROWSxCOLS</c> times and <c>--save-keys</c> writes), at the grids of
/// 480×640, 640×960 and 960×1280 images at patch 16, d = 384, one and two threads, the widest SIMD width the CPU runs.
/// </summary>
[MemoryDiagnoser]
public class NcutBenchmarks
{
    private const int Objects = 2;

    private float[] _keys = [];
    private LostParameters _lost;
    private TokenCutParameters _tokenCut;
    private MaskCutParameters _maskCut;
    private LostWorkspace? _lostWorkspace;
    private NcutWorkspace? _ncutWorkspace;

    [ParamsSource(nameof(Cases))]
    public NcutCase Case { get; set; } = new(30, 40, 384);

    [Params(1, 2)]
    public int Threads { get; set; }

    public static IEnumerable<NcutCase> Cases() => [new(30, 40, 384), new(40, 60, 384), new(60, 80, 384)];

    [GlobalSetup]
    public void Setup()
    {
        _keys = SyntheticKeys.WithObjects(Case.Rows, Case.Cols, Case.Dim, Objects).Keys;
        _lost = LostParameters.ForGrid(Case.Rows, Case.Cols, 16);
        _tokenCut = TokenCutParameters.ForGrid(Case.Rows, Case.Cols, 16);
        _maskCut = MaskCutParameters.ForGrid(Case.Rows, Case.Cols, 16);
        var options = new LostKernelOptions(Threads: Threads);
        _lostWorkspace = new LostWorkspace(Case.N, Case.Dim, options);
        _ncutWorkspace = new NcutWorkspace(Case.N, Case.Dim, options);
    }

    [Benchmark(Baseline = true)]
    public LostResult Lost() => LostKernel.Run(_keys, Case.Dim, _lost, _lostWorkspace!);

    [Benchmark]
    public TokenCutResult TokenCut() => TokenCutKernel.Run(_keys, Case.Dim, _tokenCut, _ncutWorkspace!);

    [Benchmark]
    public MaskCutResult MaskCut() => MaskCutKernel.Run(_keys, Case.Dim, _maskCut, _ncutWorkspace!);

    [GlobalCleanup]
    public void Cleanup()
    {
        _lostWorkspace?.Dispose();
        _ncutWorkspace?.Dispose();
    }
}
