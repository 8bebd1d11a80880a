using LostEngine.Native;

namespace LostEngine.Tests.Native;

/// <summary>
/// A fact that needs a CBLAS library. xunit 2.9 cannot skip at run time, so the library is probed when
/// the test is discovered and the test is reported as skipped, with the loader's reason, when there is
/// none: it never passes without having run.
/// </summary>
public sealed class BlasFactAttribute : FactAttribute
{
    /// <summary>Skips the test when no CBLAS library loads.</summary>
    public BlasFactAttribute() => Skip = BlasProbe.SharedSkipReason;
}

/// <summary>A theory that needs a CBLAS library; see <see cref="BlasFactAttribute"/>.</summary>
public sealed class BlasTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips the test when no CBLAS library loads.</summary>
    public BlasTheoryAttribute() => Skip = BlasProbe.SharedSkipReason;
}

/// <summary>A fact that needs OpenBLAS itself (it checks OpenBLAS-only reporting).</summary>
public sealed class OpenBlasFactAttribute : FactAttribute
{
    /// <summary>Skips the test when none of the OpenBLAS candidates loads.</summary>
    public OpenBlasFactAttribute() => Skip = BlasProbe.OpenBlasSkipReason;
}

internal static class BlasProbe
{
    public static IReadOnlyList<BlasCandidate> OpenBlasCandidates { get; } =
        BlasLibraryResolver.DefaultCandidates.Where(candidate => candidate.Origin == "OpenBLAS").ToArray();

    public static string? SharedSkipReason =>
        BlasLibraryResolver.TryGetShared(out _, out var failure) ? null : $"No CBLAS library here: {failure}";

    public static string? OpenBlasSkipReason
    {
        get
        {
            // The shared library first, so that the process loads OpenBLAS the way the engine does
            // (OPENBLAS_CORETYPE is read only at the first load).
            BlasLibraryResolver.TryGetShared(out _, out _);
            try
            {
                new BlasLibraryResolver(new DictionaryBlasEnvironment(), OpenBlasCandidates, cpuHasAvx512: false).Load();
                return null;
            }
            catch (BlasUnavailableException error)
            {
                return $"OpenBLAS is not installed here: {error.Message}";
            }
        }
    }
}
