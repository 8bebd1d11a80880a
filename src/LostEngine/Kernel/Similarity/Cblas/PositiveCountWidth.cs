namespace LostEngine.Kernel;

/// <summary>
/// The vector width that compares the similarities of a CBLAS tile with the threshold. <see cref="Best"/> is what the
/// engine uses; the others exist so tests run every width on one machine (a width the CPU lacks still
/// computes correctly, only slower, through .NET's software fallback).
/// </summary>
internal enum PositiveCountWidth
{
    /// <summary>The widest width the CPU accelerates.</summary>
    Best,

    /// <summary>One value at a time.</summary>
    Scalar,

    /// <summary>8 floats per compare.</summary>
    Vector256,

    /// <summary>16 floats per compare.</summary>
    Vector512,
}
