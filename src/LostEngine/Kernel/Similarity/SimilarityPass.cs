namespace LostEngine.Kernel;

/// <summary>
/// The pass every method starts with, without materialising the N×N similarity matrix: every pair (i, j &gt; i)
/// whose similarity is above a threshold, counted into both degrees (LOST's step 2 with threshold 0) and, for
/// TokenCut's graph, kept as the upper triangle of a bit matrix. Owns what the pass needs across calls: the packed
/// key panels, the scratch of the calling thread, and the worker threads with their shares. It packs the keys once,
/// then counts on the calling thread alone or with the workers (<see cref="PairPassShares"/>).
/// </summary>
internal sealed unsafe class SimilarityPass : IDisposable
{
    private readonly AlignedFloatBuffer? _panels;
    private readonly int _panelWidth;
    private readonly float[] _scratch;
    private readonly PairPassShares? _shares;

    public SimilarityPass(KernelWidth width, SimilarityBackend backend, int threads, int maxPatches, int maxDim)
    {
        Width = width;
        Kind = PairCounterSelector.Select(width, backend);
        _panelWidth = PairCounterSelector.PanelWidth(Kind);
        if (_panelWidth > 0)
        {
            _panels = new AlignedFloatBuffer(KeyPanels.Length(maxPatches, maxDim, _panelWidth));
        }
        int scratchLength = PairCounterSelector.ScratchLength(Kind, maxDim);
        _scratch = new float[scratchLength];
        // Started last, so a constructor that throws leaves no thread behind.
        if (threads > 1)
        {
            Workers = new PassWorkers(threads);
            _shares = new PairPassShares(Workers, _panelWidth, scratchLength, maxPatches);
        }
    }

    /// <summary>The SIMD width of the counters and of every vector helper the methods use with them.</summary>
    public KernelWidth Width { get; }

    public PairCounterKind Kind { get; }

    /// <summary>The worker threads, when the pass has more than the calling thread.</summary>
    public PassWorkers? Workers { get; }

    /// <summary>
    /// Counts every pair (i, j &gt; i) of the <paramref name="n"/> keys whose similarity is above
    /// <paramref name="threshold"/> into both ends' <paramref name="degrees"/> (overwritten) and, when
    /// <paramref name="graphBits"/> is not empty, sets bit j of row i there (rows of <paramref name="wordsPerRow"/>
    /// words, cleared by the caller; only the upper triangle is written).
    /// </summary>
    public void Run(ReadOnlySpan<float> keys, int n, int dim, float threshold, Span<int> degrees, Span<ulong> graphBits, int wordsPerRow)
    {
        degrees = degrees[..n];
        degrees.Clear();
        var panels = _panels is null ? Span<float>.Empty : _panels.Span[..(int)KeyPanels.Length(n, dim, _panelWidth)];
        fixed (float* keysPointer = keys)
        fixed (float* panelsPointer = panels)
        fixed (int* degreesPointer = degrees)
        fixed (ulong* bitsPointer = graphBits)
        {
            var request = new PairRequest(Kind, keysPointer, panelsPointer, n, dim, threshold, bitsPointer, wordsPerRow);
            // A grid of one turn or less would only wake the workers to find nothing left to take.
            if (_shares is not null && n > PairPassShares.RowsPerTurn)
            {
                _shares.Run(request, degreesPointer, Width);
                return;
            }
            if (_panelWidth > 0)
            {
                KeyPanels.Pack(keys, n, dim, _panelWidth, panels);
            }
            PairCounters.CountRows(request, 0, n, degreesPointer, _scratch);
        }
    }

    /// <summary>Tells the workers to exit without waiting (all a finalizer may do).</summary>
    public void SignalStop() => Workers?.SignalStop();

    /// <summary>Stops the worker threads and waits for them.</summary>
    public void Dispose() => Workers?.Dispose();
}
