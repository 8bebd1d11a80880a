namespace LostEngine.Kernel;

/// <summary>SIMD width of the managed similarity kernel.</summary>
public enum KernelWidth
{
    /// <summary>The widest the CPU accelerates, unless <c>LOSTENGINE_KERNEL</c> forces one.</summary>
    Auto = 0,

    /// <summary>Plain scalar code; the baseline every width is tested against.</summary>
    Scalar = 1,

    /// <summary>256-bit vectors with FMA (AVX2 on x64).</summary>
    Vector256 = 2,

    /// <summary>512-bit vectors with FMA (AVX-512F on x64).</summary>
    Vector512 = 3,
}

/// <summary>Which code computes the similarity signs of the degree pass.</summary>
public enum SimilarityBackend
{
    /// <summary>The engine's own register-tiled FMA kernel.</summary>
    Managed = 0,

    /// <summary><c>cblas_sgemm</c> on cache-sized tiles (MKL or OpenBLAS), then a SIMD sign count.</summary>
    Cblas = 1,
}

/// <summary>How a <see cref="LostWorkspace"/> runs the kernel. Fixed at construction so a call never re-decides.</summary>
/// <param name="Width">SIMD width; <see cref="KernelWidth.Auto"/> picks the best the CPU has.</param>
/// <param name="Backend">Similarity backend of the degree pass.</param>
/// <param name="Threads">Threads for the similarity pass (1 = the calling thread only), at most <see cref="MaxThreads"/>.</param>
public sealed record LostKernelOptions(
    KernelWidth Width = KernelWidth.Auto,
    SimilarityBackend Backend = SimilarityBackend.Managed,
    int Threads = 1)
{
    /// <summary>
    /// The most threads a workspace runs, the caller included. Past the few hundred hardware threads of the largest
    /// machines more threads only wait; tens of thousands reserve a stack each and abort the process, which no
    /// caller could catch.
    /// </summary>
    public const int MaxThreads = 256;

    /// <summary>Single-threaded managed kernel at the best width.</summary>
    public static LostKernelOptions Default { get; } = new();

    /// <summary>Throws <see cref="LostInputException"/> naming <c>threads</c> when it is below 1 or above <see cref="MaxThreads"/>.</summary>
    public void Validate()
    {
        if (Threads < 1)
        {
            throw new LostInputException("threads", $"must be at least 1, got {Threads}.");
        }
        if (Threads > MaxThreads)
        {
            throw new LostInputException("threads", $"must be at most {MaxThreads}, got {Threads}.");
        }
    }
}
