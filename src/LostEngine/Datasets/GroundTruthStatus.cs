namespace LostEngine.Datasets;

/// <summary>How an image of a dataset enters the CorLoc.</summary>
public enum GroundTruthStatus
{
    /// <summary>Its boxes were read; it is in the denominator and scored against its prediction.</summary>
    Evaluated,
    /// <summary>It leaves the denominator (the "no hard" rule left it without any box).</summary>
    Excluded,
    /// <summary>
    /// Its annotation could not be read. The reference would stop on it; here it stays in the denominator
    /// as a miss, so a broken dataset can lower the CorLoc but never raise it.
    /// </summary>
    Unreadable,
}
