namespace LostEngine.Kernel;

/// <summary>Why a method returned no object; one list for every method, so hosts handle the reasons once.</summary>
public enum NoObjectReason
{
    /// <summary>An object was found.</summary>
    None = 0,

    /// <summary>
    /// LOST: the seed's own expansion value is not positive, so it lies in the background of the mask
    /// (the reference raises "The seed is in the background component."). Happens when no potential
    /// has a positive similarity with the seed, e.g. when all keys are zero.
    /// </summary>
    SeedInBackground = 1,

    /// <summary>
    /// TokenCut, MaskCut: fewer than 3 patches. The reference asks its eigensolver for the second and third
    /// eigenvectors, which do not exist then (ncut-spec §1.9).
    /// </summary>
    TooFewPatches = 2,

    /// <summary>
    /// TokenCut, MaskCut: the second and third eigenvalues of the patch graph are equal within rounding, so no
    /// second eigenvector (and no cut) is defined; the reference returns an arbitrary box (ncut-spec §1.10).
    /// All-equal keys, all-zero keys and a <c>tau</c> above every similarity give this.
    /// </summary>
    NoClearCut = 3,
}

/// <summary>Sentences for <see cref="NoObjectReason"/>, for logs and JSON output.</summary>
public static class NoObjectReasons
{
    /// <summary>A sentence describing the reason; empty for <see cref="NoObjectReason.None"/>.</summary>
    public static string Describe(this NoObjectReason reason) => reason switch
    {
        NoObjectReason.None => "",
        NoObjectReason.SeedInBackground =>
            "The seed is in the background component: no potential has a positive similarity with it (e.g. all keys are zero).",
        NoObjectReason.TooFewPatches =>
            "Fewer than 3 patches: the normalized cut needs the second and third eigenvectors of the patch graph.",
        NoObjectReason.NoClearCut =>
            "No clear cut: the second and third eigenvalues of the patch graph are equal within rounding (e.g. all keys equal or zero, or tau above every similarity).",
        _ => throw new InvalidOperationException($"Unknown reason {reason}."),
    };
}
