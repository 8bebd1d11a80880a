namespace LostEngine.Kernel;

/// <summary>
/// Where a pair pass puts what it finds, one row of one panel at a time: the pairs (i, j &gt; i) whose similarity is
/// above the pass's threshold, as lane bits. LOST only counts them (<see cref="DegreeSink"/>); TokenCut also keeps
/// them as the upper triangle of its graph (<see cref="GraphRowSink"/>). Every counter (tiles, scalar, CBLAS)
/// calls the same sinks, so what a pass computes is decided once, apart from how it multiplies.
/// </summary>
internal interface IPairSink
{
    /// <summary>
    /// Row <paramref name="row"/>'s pairs with columns <paramref name="j0"/> + lane, lane &lt; <paramref name="width"/>:
    /// bit <c>lane</c> of <paramref name="lanes"/> is set when that pair is above the threshold (never for j ≤ i).
    /// <paramref name="j0"/> is a multiple of <paramref name="width"/>, which is 8, 16 or 32. Lanes past N may be set
    /// (the panels are padded with zero keys, and zero is above a negative threshold); a sink must ignore them.
    /// </summary>
    void Row(int row, int j0, uint lanes, int width);
}
