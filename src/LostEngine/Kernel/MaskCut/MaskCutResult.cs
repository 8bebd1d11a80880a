namespace LostEngine.Kernel;

/// <summary>
/// The answer of one MaskCut call (ncut-spec §2): how many objects it found. A value type, so returning it
/// allocates nothing; the objects, the rounds and their masks stay in the <see cref="NcutWorkspace"/>
/// (<see cref="NcutWorkspace.Objects"/>, <see cref="NcutWorkspace.Rounds"/>) until its next call.
/// </summary>
/// <param name="ObjectCount">Non-empty objects found, at most one per round.</param>
/// <param name="RoundCount">Rounds made.</param>
/// <param name="FirstObject">The first object (the one a single-box evaluation keeps); default when there is none.</param>
public readonly record struct MaskCutResult(int ObjectCount, int RoundCount, MaskCutObject FirstObject)
{
    /// <summary>Whether any round found an object.</summary>
    public bool HasObject => ObjectCount > 0;

    /// <summary>Why there is no object (the first round's reason: only a first round without a cut leaves none), or none.</summary>
    public NoObjectReason Reason { get; init; }

    /// <summary>A sentence describing <see cref="Reason"/>, for logs and JSON output.</summary>
    public string ReasonText => Reason.Describe();
}

/// <summary>One object of MaskCut: the cells of its round's mask not in any earlier object, and their box.</summary>
/// <param name="Round">The round (from 0) that found it.</param>
/// <param name="Box">Its box in pixels, maxima exclusive, clipped to the unpadded image.</param>
/// <param name="BoxPatches">Its box in cells, <c>[ymin, xmin, ymax, xmax]</c>, maxima exclusive.</param>
/// <param name="CellCount">Cells in the object.</param>
public readonly record struct MaskCutObject(int Round, PixelBox Box, CellBox BoxPatches, int CellCount);

/// <summary>What one MaskCut round did (ncut-spec §2 steps 1–8).</summary>
/// <param name="Round">The round, from 0.</param>
/// <param name="Reason">Why the round made no cut (too few patches, no clear cut), or none.</param>
/// <param name="Seed">The seed after the flip (the largest x); -1 when the round made no cut.</param>
/// <param name="MaskSize">Cells in the seed's component before the drop check and before earlier objects are removed.</param>
/// <param name="Dropped">Whether the drop rule emptied the mask (IoU with the previous mask above 0.5, or 1 % of N or less).</param>
/// <param name="Reversed">Whether the partition was flipped (three or more corners, or the largest |x| outside it).</param>
/// <param name="Sign">Whether the eigenvector's sign decided the round, and where that sign came from.</param>
/// <param name="ObjectIndex">Index of this round's object in <see cref="NcutWorkspace.Objects"/>, or -1 when it found none.</param>
/// <param name="Spectrum">λ₂, λ₃ and the solver's work for this round's graph (the sign replay's products included).</param>
public readonly record struct MaskCutRound(
    int Round, NoObjectReason Reason, int Seed, int MaskSize, bool Dropped, bool Reversed, CutSign Sign, int ObjectIndex, NcutSpectrum Spectrum)
{
    /// <summary>
    /// Whether the round repeated the cut before it instead of solving one: the round before painted nothing, so the
    /// graph was the same (its <see cref="Spectrum"/> is then the earlier round's, and cost nothing).
    /// </summary>
    public bool Repeated { get; init; }
}
