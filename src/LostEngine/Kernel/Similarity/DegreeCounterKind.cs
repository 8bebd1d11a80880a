using LostEngine.Native;

namespace LostEngine.Kernel;

/// <summary>
/// Which degree counter a workspace runs, decided once from its options and the CPU. A counter joins with a
/// value here, its cases in <see cref="DegreeCounterSelector"/> and one case in <see cref="DegreePass.CountRows"/>.
/// </summary>
internal enum DegreeCounterKind
{
    Scalar,
    Vector256,
    Vector512,
    Cblas,
}

internal static class DegreeCounterSelector
{
    /// <summary>The counter for a resolved width and backend; a backend this build lacks is the caller's error.</summary>
    public static DegreeCounterKind Select(KernelWidth width, SimilarityBackend backend) => backend switch
    {
        SimilarityBackend.Managed => width switch
        {
            KernelWidth.Scalar => DegreeCounterKind.Scalar,
            KernelWidth.Vector256 => DegreeCounterKind.Vector256,
            KernelWidth.Vector512 => DegreeCounterKind.Vector512,
            _ => throw new InvalidOperationException($"Width {width} should have been resolved before choosing a counter."),
        },
        SimilarityBackend.Cblas => RequireBlas(),
        _ => throw new LostInputException("backend", $"{backend} is not a similarity backend."),
    };

    // Asking for cblas where no CBLAS library loads is refused when the workspace is built, like an
    // execution provider that cannot load: never a silent fallback to the managed kernel.
    private static DegreeCounterKind RequireBlas() =>
        BlasLibraryResolver.TryGetShared(out _, out string? failure)
            ? DegreeCounterKind.Cblas
            : throw new LostInputException("backend", $"cblas needs a CBLAS library (MKL's libmkl_rt or OpenBLAS) and none loads: {failure}");

    /// <summary>Floats of private scratch each thread of the pass needs (none of the managed counters needs any).</summary>
    public static int ScratchLength(DegreeCounterKind kind, int maxDim) => kind switch
    {
        DegreeCounterKind.Scalar or DegreeCounterKind.Vector256 or DegreeCounterKind.Vector512 => 0,
        DegreeCounterKind.Cblas => CblasDegreeCounter.TileScratchLength(maxDim),
        _ => throw new InvalidOperationException($"Unknown degree counter {kind} (key width {maxDim})."),
    };

    /// <summary>Width of the key panels the counter reads; 0 when it reads the row-major keys only.</summary>
    public static int PanelWidth(DegreeCounterKind kind) => kind switch
    {
        DegreeCounterKind.Scalar or DegreeCounterKind.Cblas => 0,
        DegreeCounterKind.Vector256 => Vector256Tile6x16.PanelWidth,
        DegreeCounterKind.Vector512 => Vector512Tile8x32.PanelWidth,
        _ => throw new InvalidOperationException($"Unknown degree counter {kind}."),
    };
}
