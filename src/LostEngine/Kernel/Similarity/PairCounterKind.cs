using LostEngine.Native;

namespace LostEngine.Kernel;

/// <summary>
/// Which pair counter a workspace runs, decided once from its options and the CPU. A counter joins with a value
/// here, its cases in <see cref="PairCounterSelector"/> and one case in <see cref="PairCounters.CountRows"/>.
/// </summary>
internal enum PairCounterKind
{
    Scalar,
    Vector256,
    Vector512,
    Cblas,
}

internal static class PairCounterSelector
{
    /// <summary>The counter for a resolved width and backend; a backend this build lacks is the caller's error.</summary>
    public static PairCounterKind Select(KernelWidth width, SimilarityBackend backend) => backend switch
    {
        SimilarityBackend.Managed => width switch
        {
            KernelWidth.Scalar => PairCounterKind.Scalar,
            KernelWidth.Vector256 => PairCounterKind.Vector256,
            KernelWidth.Vector512 => PairCounterKind.Vector512,
            _ => throw new InvalidOperationException($"Width {width} should have been resolved before choosing a counter."),
        },
        SimilarityBackend.Cblas => RequireBlas(),
        _ => throw new LostInputException("backend", $"{backend} is not a similarity backend."),
    };

    // Asking for cblas where no CBLAS library loads is refused when the workspace is built, like an
    // execution provider that cannot load: never a silent fallback to the managed kernel.
    private static PairCounterKind RequireBlas() =>
        BlasLibraryResolver.TryGetShared(out _, out string? failure)
            ? PairCounterKind.Cblas
            : throw new LostInputException("backend", $"cblas needs a CBLAS library (MKL's libmkl_rt or OpenBLAS) and none loads: {failure}");

    /// <summary>Floats of private scratch each thread of the pass needs (none of the managed counters needs any).</summary>
    public static int ScratchLength(PairCounterKind kind, int maxDim) => kind switch
    {
        PairCounterKind.Scalar or PairCounterKind.Vector256 or PairCounterKind.Vector512 => 0,
        PairCounterKind.Cblas => CblasPairCounter.TileScratchLength(maxDim),
        _ => throw new InvalidOperationException($"Unknown pair counter {kind} (key width {maxDim})."),
    };

    /// <summary>Width of the key panels the counter reads; 0 when it reads the row-major keys only.</summary>
    public static int PanelWidth(PairCounterKind kind) => kind switch
    {
        PairCounterKind.Scalar or PairCounterKind.Cblas => 0,
        PairCounterKind.Vector256 => Vector256Tile6x16.PanelWidth,
        PairCounterKind.Vector512 => Vector512Tile8x32.PanelWidth,
        _ => throw new InvalidOperationException($"Unknown pair counter {kind}."),
    };
}
