using System.Runtime.InteropServices;

namespace LostEngine.Native;

/// <summary>
/// The entry points of one loaded CBLAS library, resolved once by name. Only <see cref="Sgemm"/> is
/// required; thread control and the self-description exist in MKL and OpenBLAS only.
/// </summary>
public sealed unsafe class CblasApi
{
    /// <summary>CBLAS_ORDER: rows are contiguous.</summary>
    public const int RowMajor = 101;

    /// <summary>CBLAS_TRANSPOSE: use the matrix as stored.</summary>
    public const int NoTrans = 111;

    /// <summary>CBLAS_TRANSPOSE: use the transpose of the matrix as stored.</summary>
    public const int Trans = 112;

    private readonly delegate* unmanaged<int, void> _setThreads;
    private readonly delegate* unmanaged<int*, void> _setThreadsByReference;
    private readonly delegate* unmanaged<byte*> _openBlasConfig;
    private readonly delegate* unmanaged<byte*> _openBlasCoreName;
    private readonly delegate* unmanaged<byte*, int, void> _mklVersion;

    private CblasApi(nint library, delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> sgemm)
    {
        Sgemm = sgemm;
        _setThreads = (delegate* unmanaged<int, void>)Export(library, "openblas_set_num_threads");
        Family = _setThreads != null ? BlasFamily.OpenBlas : BlasFamily.Generic;
        if (_setThreads == null)
        {
            // MKL_Set_Num_Threads takes its argument by value; the lower-case name is the Fortran-style
            // entry that takes it by reference.
            _setThreads = (delegate* unmanaged<int, void>)Export(library, "MKL_Set_Num_Threads");
            _setThreadsByReference = (delegate* unmanaged<int*, void>)Export(library, "mkl_set_num_threads");
            if (_setThreads != null || _setThreadsByReference != null)
            {
                Family = BlasFamily.Mkl;
            }
        }

        _openBlasConfig = (delegate* unmanaged<byte*>)Export(library, "openblas_get_config");
        _openBlasCoreName = (delegate* unmanaged<byte*>)Export(library, "openblas_get_corename");
        _mklVersion = (delegate* unmanaged<byte*, int, void>)Export(library, "MKL_Get_Version_String");
    }

    /// <summary>
    /// cblas_sgemm(order, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc):
    /// C = alpha * op(A) * op(B) + beta * C.
    /// </summary>
    public delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm { get; }

    /// <summary>Which implementation this is, told by its exports.</summary>
    public BlasFamily Family { get; }

    /// <summary>Whether <see cref="TrySetThreadCount"/> can do anything.</summary>
    public bool HasThreadControl => _setThreads != null || _setThreadsByReference != null;

    /// <summary>
    /// The library's description of its own build (OpenBLAS: version, options and the kernel chosen for
    /// this CPU; MKL: its version string), or null when it exports none.
    /// </summary>
    public string? Configuration
    {
        get
        {
            if (_openBlasConfig != null)
            {
                return Marshal.PtrToStringUTF8((nint)_openBlasConfig());
            }

            if (_mklVersion != null)
            {
                const int Capacity = 256;
                var buffer = stackalloc byte[Capacity];
                _mklVersion(buffer, Capacity);
                return Marshal.PtrToStringUTF8((nint)buffer, Capacity).TrimEnd('\0', ' ');
            }

            return null;
        }
    }

    /// <summary>The OpenBLAS kernel family in use (e.g. "Zen", "Haswell", "SkylakeX"), or null.</summary>
    public string? CoreName => _openBlasCoreName != null ? Marshal.PtrToStringUTF8((nint)_openBlasCoreName()) : null;

    /// <summary>
    /// Binds the entry points of a loaded library. Null, with the reason, when it lacks cblas_sgemm
    /// (a reference BLAS without the C interface, or not a BLAS at all).
    /// </summary>
    public static CblasApi? TryBind(nint library, out string? missing)
    {
        var sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)Export(library, "cblas_sgemm");
        if (sgemm == null)
        {
            missing = "loads, but does not export cblas_sgemm";
            return null;
        }

        missing = null;
        return new CblasApi(library, sgemm);
    }

    /// <summary>
    /// Sets how many threads the library uses inside one call. The engine runs its own threads, each
    /// calling sgemm on its own rows, so 1 avoids oversubscribing the cores.
    /// </summary>
    /// <returns>False when the library has no thread control (a generic BLAS).</returns>
    public bool TrySetThreadCount(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (_setThreads != null)
        {
            _setThreads(threads);
            return true;
        }

        if (_setThreadsByReference != null)
        {
            _setThreadsByReference(&threads);
            return true;
        }

        return false;
    }

    private static void* Export(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out var address) ? (void*)address : null;
}
