namespace LostEngine.Kernel;

/// <summary>
/// The answer of one TokenCut call (ncut-spec §1). A value type, so returning it allocates nothing; the per-patch
/// details (eigenvector, partition, component, degrees) stay in the <see cref="NcutWorkspace"/> until its next call.
/// </summary>
public readonly record struct TokenCutResult
{
    /// <summary>A result with an object.</summary>
    public TokenCutResult(int seed, PixelBox box, CellBox boxPatches, int componentSize, int partitionSize, NcutSpectrum spectrum)
    {
        Seed = seed;
        Box = box;
        BoxPatches = boxPatches;
        ComponentSize = componentSize;
        PartitionSize = partitionSize;
        Spectrum = spectrum;
        Reason = NoObjectReason.None;
    }

    private TokenCutResult(NoObjectReason reason, NcutSpectrum spectrum)
    {
        Reason = reason;
        Spectrum = spectrum;
        Seed = -1;
    }

    /// <summary>A result without an object, for the given reason, with whatever the solver learnt of the spectrum.</summary>
    public static TokenCutResult NoObject(NoObjectReason reason, NcutSpectrum spectrum = default) => new(reason, spectrum);

    /// <summary>Whether an object was found; when false, <see cref="Reason"/> says why.</summary>
    public bool HasObject => Reason == NoObjectReason.None;

    /// <summary>Why there is no object, or <see cref="NoObjectReason.None"/>.</summary>
    public NoObjectReason Reason { get; }

    /// <summary>The seed patch (row-major over the grid): the largest |x|, lowest index on ties; -1 without an object.</summary>
    public int Seed { get; }

    /// <summary>The box in pixels, clipped to the image; default when there is no object.</summary>
    public PixelBox Box { get; }

    /// <summary>The box in cells, <c>[ymin, xmin, ymax, xmax]</c>, maxima exclusive.</summary>
    public CellBox BoxPatches { get; }

    /// <summary>Cells in the seed's 4-connected component of the partition.</summary>
    public int ComponentSize { get; }

    /// <summary>Cells in the seed's side of the partition.</summary>
    public int PartitionSize { get; }

    /// <summary>The normalized-cut value λ₂, the gap λ₃ − λ₂ and how the solver got them.</summary>
    public NcutSpectrum Spectrum { get; }

    /// <summary>λ₂, the value of the normalized cut (smaller is a cleaner cut).</summary>
    public double NcutValue => Spectrum.Lambda2;

    /// <summary>λ₃ − λ₂: how well defined the cut is (near zero, another cut is almost as good).</summary>
    public double Eigengap => Spectrum.Eigengap;

    /// <summary>A sentence describing <see cref="Reason"/>, for logs and JSON output.</summary>
    public string ReasonText => Reason.Describe();
}

/// <summary>
/// What the eigensolver found of the generalized problem <c>(D − A) x = λ D x</c> (ncut-spec §1.4).
/// </summary>
/// <param name="Lambda2">The second smallest eigenvalue λ₂ (the normalized-cut value).</param>
/// <param name="Lambda3">The third smallest eigenvalue λ₃.</param>
/// <param name="Iterations">Products with the graph the solver made.</param>
public readonly record struct NcutSpectrum(double Lambda2, double Lambda3, int Iterations)
{
    /// <summary>λ₃ − λ₂.</summary>
    public double Eigengap => Lambda3 - Lambda2;
}
