using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace LostEngine.Native;

/// <summary>
/// Finds and loads a CBLAS library: the one named by <see cref="LibraryVariable"/> if set, otherwise the
/// first of <see cref="DefaultCandidates"/> that loads and exports cblas_sgemm. The process-wide
/// instance is <see cref="Shared"/>; tests build their own resolver over a fake environment and
/// their own candidate list, so they never change what the engine loads.
/// </summary>
public sealed class BlasLibraryResolver
{
    /// <summary>Names one library file to use instead of searching. If it fails to load, nothing else is tried.</summary>
    public const string LibraryVariable = "LOSTENGINE_BLAS_LIBRARY";

    /// <summary>OpenBLAS reads this once, while it loads, to pick its kernels instead of detecting the CPU.</summary>
    public const string CoreTypeVariable = "OPENBLAS_CORETYPE";

    private const string SkylakeXCoreType = "SkylakeX";

    private static readonly Lock SharedGate = new();
    private static volatile BlasLibrary? s_shared;
    private static string? s_sharedFailure;

    private readonly IBlasEnvironment _environment;
    private readonly IReadOnlyList<BlasCandidate> _candidates;
    private readonly bool _cpuHasAvx512;

    /// <summary>Creates a resolver over the given environment and search list.</summary>
    /// <param name="environment">Where the variables are read and OPENBLAS_CORETYPE is written.</param>
    /// <param name="candidates">What to try, in order, when <see cref="LibraryVariable"/> is unset.</param>
    /// <param name="cpuHasAvx512">Whether OpenBLAS's SkylakeX kernels can run here (they die with SIGILL otherwise).</param>
    public BlasLibraryResolver(IBlasEnvironment environment, IReadOnlyList<BlasCandidate> candidates, bool cpuHasAvx512)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(candidates);
        _environment = environment;
        _candidates = candidates;
        _cpuHasAvx512 = cpuHasAvx512;
    }

    /// <summary>
    /// The search order: MKL, then OpenBLAS (Debian's alternatives link, the development link, and
    /// Debian's pthread build by full path for when the alternatives point at the reference BLAS),
    /// then the generic names, which only count when they carry the CBLAS interface.
    /// </summary>
    public static IReadOnlyList<BlasCandidate> DefaultCandidates { get; } =
    [
        new("libmkl_rt.so.2", "MKL"),
        new("libmkl_rt.so", "MKL"),
        new("libopenblas.so.0", "OpenBLAS"),
        new("libopenblas.so", "OpenBLAS"),
        new("/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0", "OpenBLAS"),
        new("libcblas.so.3", "generic BLAS"),
        new("libblas.so.3", "generic BLAS"),
    ];

    /// <summary>
    /// Whether this CPU and runtime can execute AVX-512 code of the kind OpenBLAS's SkylakeX kernels
    /// use. False also when .NET was told not to use AVX-512 (DOTNET_EnableAVX512F=0), which errs safe.
    /// </summary>
    public static bool CpuHasAvx512 =>
        Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported;

    /// <summary>
    /// The process-wide library, loaded on first use with one BLAS thread. Thread-safe; after the first
    /// call this is one field read.
    /// </summary>
    /// <exception cref="BlasUnavailableException">No library loaded; the message lists every attempt.</exception>
    public static BlasLibrary Shared => s_shared ?? LoadShared();

    /// <summary>The process-wide library, or false with the reason it could not be loaded. Never throws.</summary>
    public static bool TryGetShared(out BlasLibrary? library, out string? failure)
    {
        try
        {
            library = Shared;
            failure = null;
            return true;
        }
        catch (BlasUnavailableException error)
        {
            library = null;
            failure = error.Message;
            return false;
        }
    }

    /// <summary>Loads a library and sets its thread count.</summary>
    /// <param name="threads">BLAS threads per call; 1 unless the caller does no threading of its own.</param>
    /// <exception cref="BlasUnavailableException">Nothing loaded, or the library named by <see cref="LibraryVariable"/> failed.</exception>
    public BlasLibrary Load(int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var coreTypeNote = PrepareCoreType();
        var attempts = new List<BlasLoadAttempt>();

        var forced = _environment.Get(LibraryVariable);
        IReadOnlyList<BlasCandidate> candidates = forced is null ? _candidates : [new(forced, LibraryVariable)];
        foreach (var candidate in candidates)
        {
            var api = TryLoad(candidate, out var outcome);
            attempts.Add(new(candidate, api is not null, outcome));
            if (api is null)
            {
                continue;
            }

            var threadNote = api.TrySetThreadCount(threads)
                ? $"{threads} per call (set at load)"
                : "left to the library: it exports no thread control";
            return new BlasLibrary(candidate, FileOf(api), api, attempts, threadNote, coreTypeNote);
        }

        throw new BlasUnavailableException(forced is not null
            ? $"{LibraryVariable} names '{forced}', which could not be used as a CBLAS library: {attempts[0].Outcome}. " +
              $"Fix or unset {LibraryVariable}; no other library is tried while it is set."
            : "No CBLAS library could be loaded. Install OpenBLAS (Debian: apt-get install libopenblas0-pthread) " +
              $"or name a library file in {LibraryVariable}. Tried: {string.Join("; ", attempts)}.");
    }

    private static BlasLibrary LoadShared()
    {
        lock (SharedGate)
        {
            if (s_shared is { } loaded)
            {
                return loaded;
            }

            // A failure is kept: the search changes the environment and the loader's state, so a second
            // search would not be the same experiment, and callers asking in a loop should stay cheap.
            if (s_sharedFailure is { } failure)
            {
                throw new BlasUnavailableException(failure);
            }

            try
            {
                var library = new BlasLibraryResolver(ProcessBlasEnvironment.Instance, DefaultCandidates, CpuHasAvx512).Load();
                s_shared = library;
                return library;
            }
            catch (BlasUnavailableException error)
            {
                s_sharedFailure = error.Message;
                throw;
            }
        }
    }

    private static unsafe string? FileOf(CblasApi api) => LoadedFileLocator.FileOf(api.Sgemm);

    private static CblasApi? TryLoad(BlasCandidate candidate, out string outcome)
    {
        nint handle;
        try
        {
            handle = NativeLibrary.Load(candidate.Name);
        }
        catch (DllNotFoundException error)
        {
            outcome = $"not loadable ({OneLine(error.Message)})";
            return null;
        }
        catch (BadImageFormatException error)
        {
            outcome = $"not a loadable library for this process ({OneLine(error.Message)})";
            return null;
        }

        var api = CblasApi.TryBind(handle, out var missing);
        if (api is null)
        {
            NativeLibrary.Free(handle);
            outcome = missing!;
            return null;
        }

        outcome = "loaded";
        return api;
    }

    // The loader's message spans several lines (one per path it probed); a report keeps one line per attempt.
    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // OpenBLAS 0.3.21 (Debian 12) does not know AVX-512 AMD CPUs (Zen 4) and falls back to its
    // AVX2 "Zen" kernels; naming SkylakeX selects the AVX-512 ones. The variable is read only while
    // the library loads, so it has to be in the native environment before the first load attempt.
    private string PrepareCoreType()
    {
        if (_environment.Get(CoreTypeVariable) is { } chosen)
        {
            // A value set only through .NET would not reach OpenBLAS; writing it again makes it native.
            _environment.Set(CoreTypeVariable, chosen);
            return $"{chosen}, as set by the caller (left as is)";
        }

        if (!_cpuHasAvx512)
        {
            return "not set: this CPU has no AVX-512 (forcing SkylakeX would stop the process with an illegal instruction)";
        }

        _environment.Set(CoreTypeVariable, SkylakeXCoreType);
        return $"set to {SkylakeXCoreType} before loading, because the CPU has AVX-512 (only OpenBLAS reads it)";
    }
}
