namespace LostEngine.Kernel;

/// <summary>
/// The answer of one LOST call. A value type, so returning it allocates nothing; the per-patch details
/// (degrees, similars, expansion map, component) stay in the <see cref="LostWorkspace"/> until its next call.
/// </summary>
public readonly record struct LostResult
{
    /// <summary>A result with an object.</summary>
    public LostResult(int seed, PixelBox box, CellBox boxPatches, int componentSize, int similarCount)
    {
        Seed = seed;
        Box = box;
        BoxPatches = boxPatches;
        ComponentSize = componentSize;
        SimilarCount = similarCount;
        Reason = NoObjectReason.None;
    }

    private LostResult(int seed, NoObjectReason reason)
    {
        Seed = seed;
        Reason = reason;
    }

    /// <summary>A result without an object, for the given reason; the seed is still reported.</summary>
    public static LostResult NoObject(int seed, NoObjectReason reason) => new(seed, reason);

    /// <summary>Whether an object was found; when false, <see cref="Reason"/> says why.</summary>
    public bool HasObject => Reason == NoObjectReason.None;

    /// <summary>Why there is no object, or <see cref="NoObjectReason.None"/>.</summary>
    public NoObjectReason Reason { get; }

    /// <summary>The seed patch index (row-major over the grid).</summary>
    public int Seed { get; }

    /// <summary>The box in pixels, clipped to the image; default when there is no object.</summary>
    public PixelBox Box { get; }

    /// <summary>The box in cells, <c>[ymin, xmin, ymax, xmax]</c>, maxima exclusive.</summary>
    public CellBox BoxPatches { get; }

    /// <summary>Number of cells in the seed's 4-connected component.</summary>
    public int ComponentSize { get; }

    /// <summary>Number of potentials with a positive similarity to the seed.</summary>
    public int SimilarCount { get; }

    /// <summary>A sentence describing <see cref="Reason"/>, for logs and JSON output.</summary>
    public string ReasonText => Reason.Describe();
}
