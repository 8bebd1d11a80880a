namespace LostEngine.Kernel;

/// <summary>
/// The register tile of the packed-panel pair pass, for one SIMD width: <see cref="Rows"/> row keys against one
/// panel of <see cref="PanelWidth"/> patches, multiplied with broadcast FMAs and compared with a threshold. An
/// instance carries the panel's lane indices and its column sums from one tile of rows to the next.
/// <see cref="PanelPairCounter{TTile}"/> holds the loops every width shares; implementations are structs so the
/// JIT specialises the driver for each and inlines the tile into it, with no dispatch left in the loop.
/// </summary>
internal unsafe interface IPanelTile<TSelf> where TSelf : struct, IPanelTile<TSelf>
{
    /// <summary>Row keys per tile: as many as leave the accumulators, panel vectors and broadcast in registers.</summary>
    static abstract int Rows { get; }

    /// <summary>Patches per panel, the width <see cref="KeyPanels.Pack"/> packs the columns with.</summary>
    static abstract int PanelWidth { get; }

    /// <summary>A tile for the panel whose first patch is <paramref name="j0"/>, with zero column sums.</summary>
    static abstract TSelf ForPanel(int j0, float threshold);

    /// <summary>
    /// Rows [i0, i0 + rows), rows ≤ <see cref="Rows"/>, against the panel: each row's pairs (i, j), j &gt; i, whose
    /// similarity is above the threshold go to <paramref name="sink"/> as lane bits, and into the column sums.
    /// </summary>
    void Count<TSink>(float* keys, float* panel, int dim, int i0, int rows, ref TSink sink)
        where TSink : struct, IPairSink;

    /// <summary>Adds the column sums to the panel's <see cref="PanelWidth"/> degrees, all of them patches.</summary>
    void AddColumns(int* degrees);

    /// <summary>Writes the <see cref="PanelWidth"/> column sums to <paramref name="lanes"/>.</summary>
    void StoreColumns(int* lanes);
}
