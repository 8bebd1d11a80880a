namespace LostEngine.Kernel;

/// <summary>
/// One pair pass, as every thread taking part sees it: the keys (row-major and packed), the threshold a pair must
/// be above, and, for a graph, where its upper-triangle bits go. Raw pointers, because worker threads read it
/// while the caller keeps the memory pinned for the length of the pass.
/// </summary>
internal readonly unsafe struct PairRequest(
    PairCounterKind kind, float* keys, float* panels, int n, int dim, float threshold, ulong* graphBits, int graphWordsPerRow)
{
    public PairCounterKind Kind { get; } = kind;

    public float* Keys { get; } = keys;

    /// <summary>The keys packed by <see cref="KeyPanels"/> at the counter's panel width; null for counters without panels.</summary>
    public float* Panels { get; } = panels;

    public int N { get; } = n;

    public int Dim { get; } = dim;

    /// <summary>A pair counts when its similarity is strictly above this: 0 for LOST, tau for TokenCut.</summary>
    public float Threshold { get; } = threshold;

    /// <summary>The graph's bit rows, or null when only degrees are wanted.</summary>
    public ulong* GraphBits { get; } = graphBits;

    public int GraphWordsPerRow { get; } = graphWordsPerRow;
}
