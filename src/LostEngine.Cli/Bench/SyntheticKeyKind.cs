namespace LostEngine.Cli.Bench;

/// <summary>Which generator of <see cref="LostEngine.Diagnostics.SyntheticKeys"/> makes a benchmark's keys.</summary>
internal enum SyntheticKeyKind
{
    /// <summary>Per-dimension mean plus Gaussian noise: LOST's benchmark keys, a picture of nothing.</summary>
    Gaussian,

    /// <summary>A smooth background with planted rectangular objects: keys the object-finding methods have something to find in.</summary>
    Objects,
}
