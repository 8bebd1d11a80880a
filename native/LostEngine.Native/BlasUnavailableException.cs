namespace LostEngine.Native;

/// <summary>
/// No CBLAS library could be loaded, or the one named by <c>LOSTENGINE_BLAS_LIBRARY</c> failed to load.
/// The message lists every library that was tried and why each was rejected, so the fix (install
/// OpenBLAS, correct the path) can be read straight from it.
/// </summary>
public sealed class BlasUnavailableException : Exception
{
    /// <summary>Creates the error with the full list of attempts in its message.</summary>
    public BlasUnavailableException(string message)
        : base(message)
    {
    }
}
