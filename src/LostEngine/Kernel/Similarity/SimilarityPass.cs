namespace LostEngine.Kernel;

/// <summary>
/// The pass every method starts with, without materialising the N×N similarity matrix: every pair (i, j &gt; i)
/// whose similarity is above a threshold, counted into both degrees (LOST's step 2 with threshold 0) and, for
/// TokenCut's graph, kept as the upper triangle of a bit matrix. Owns what the pass needs across calls: the
/// packed key panels, the per-thread scratch and degrees, and the worker threads. It packs the keys once, then
/// counts on the calling thread alone or with the workers.
/// </summary>
internal sealed unsafe class SimilarityPass : IWorkerJob, IDisposable
{
    /// <summary>Rows per turn: a multiple of every counter's tile height (6 and 8) and block, and small enough to balance.</summary>
    public const int RowsPerTurn = 48;

    private readonly AlignedFloatBuffer? _panels;
    private readonly int _panelWidth;
    private readonly float[][] _scratch;
    private readonly int[][] _workerDegrees;
    private PairRequest _request;
    private int* _callerDegrees;
    private int _panelCount;
    private int _nextPanel;
    private int _packedPanels;
    private int _turns;
    private int _nextTurn;

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
        _scratch = new float[threads][];
        _workerDegrees = new int[threads - 1][];
        for (int t = 0; t < threads; t++)
        {
            _scratch[t] = new float[scratchLength];
            if (t > 0)
            {
                _workerDegrees[t - 1] = new int[maxPatches];
            }
        }
        // Started last, so a constructor that throws leaves no thread behind.
        if (threads > 1)
        {
            Workers = new PassWorkers(threads);
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
            _request = new PairRequest(Kind, keysPointer, panelsPointer, n, dim, threshold, bitsPointer, wordsPerRow);
            // A grid of one turn or less would only wake the workers to find nothing left to take.
            if (Workers is { } workers && n > RowsPerTurn)
            {
                _callerDegrees = degreesPointer;
                _panelCount = _panelWidth > 0 ? KeyPanels.Count(n, _panelWidth) : 0;
                _nextPanel = 0;
                _packedPanels = 0;
                _turns = (n + RowsPerTurn - 1) / RowsPerTurn;
                _nextTurn = 0;
                try
                {
                    workers.Run(this);
                }
                finally
                {
                    _callerDegrees = null;
                    _request = default;
                }
                foreach (int[] workerDegrees in _workerDegrees)
                {
                    VectorMath.AddInto(degrees, workerDegrees.AsSpan(0, n), Width);
                }
            }
            else
            {
                if (_panelWidth > 0)
                {
                    KeyPanels.Pack(keys, n, dim, _panelWidth, panels);
                }
                PairCounters.CountRows(_request, 0, n, degreesPointer, _scratch[0]);
                _request = default;
            }
        }
    }

    /// <summary>
    /// One thread's share: the panels first, one at a time as threads take them, then turns of
    /// <see cref="RowsPerTurn"/> rows from the top of the triangle, where rows have the most columns, so the big
    /// turns go first and the small ones even out the finish. Each thread counts into its own degrees.
    /// </summary>
    void IWorkerJob.Run(int thread)
    {
        if (thread == 0)
        {
            Share(_request, _callerDegrees, _scratch[0]);
            return;
        }
        var own = _workerDegrees[thread - 1].AsSpan(0, _request.N);
        own.Clear();
        fixed (int* ownPointer = own)
        {
            Share(_request, ownPointer, _scratch[thread]);
        }
    }

    private void Share(in PairRequest request, int* degrees, Span<float> scratch)
    {
        int panelCount = _panelCount;
        if (panelCount > 0)
        {
            var keys = new ReadOnlySpan<float>(request.Keys, request.N * request.Dim);
            var panels = new Span<float>(request.Panels, (int)KeyPanels.Length(request.N, request.Dim, _panelWidth));
            for (int p = Interlocked.Increment(ref _nextPanel) - 1; p < panelCount; p = Interlocked.Increment(ref _nextPanel) - 1)
            {
                KeyPanels.PackPanel(keys, request.N, request.Dim, _panelWidth, p, panels);
                Interlocked.Increment(ref _packedPanels);
            }
            // Every tile may read any panel to its right, so counting waits for the last panel (or a failure, which
            // the caller rethrows). A panel takes microseconds, so spinning (yielding, never sleeping) beats blocking.
            var spinner = new SpinWait();
            while (Volatile.Read(ref _packedPanels) < panelCount && !Workers!.HasFailed)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }
        int turns = _turns;
        for (int turn = Interlocked.Increment(ref _nextTurn) - 1; turn < turns; turn = Interlocked.Increment(ref _nextTurn) - 1)
        {
            int rowStart = turn * RowsPerTurn;
            PairCounters.CountRows(request, rowStart, Math.Min(request.N, rowStart + RowsPerTurn), degrees, scratch);
        }
    }

    /// <summary>Tells the workers to exit without waiting (all a finalizer may do).</summary>
    public void SignalStop() => Workers?.SignalStop();

    /// <summary>Stops the worker threads and waits for them.</summary>
    public void Dispose() => Workers?.Dispose();
}
