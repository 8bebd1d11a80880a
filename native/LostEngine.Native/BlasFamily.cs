namespace LostEngine.Native;

/// <summary>Which implementation a loaded CBLAS library turned out to be, told by its exports, not its file name.</summary>
public enum BlasFamily
{
    /// <summary>Exports cblas_sgemm but neither MKL's nor OpenBLAS's own entry points.</summary>
    Generic,

    /// <summary>Exports openblas_set_num_threads.</summary>
    OpenBlas,

    /// <summary>Exports MKL_Set_Num_Threads or mkl_set_num_threads.</summary>
    Mkl,
}
