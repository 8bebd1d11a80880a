namespace LostEngine.Kernel;

/// <summary>
/// How the threads of one pair pass share it: the panels first, one at a time as threads take them, then turns of
/// <see cref="RowsPerTurn"/> rows from the top of the triangle, where rows have the most columns, so the big turns go
/// first and the small ones even out the finish. Each thread counts into its own degrees (the caller's are the
/// pass's own), and the caller adds them up at the end. What a share computes is <see cref="PairCounters"/>'s
/// business; the workers only ever come here.
/// </summary>
internal sealed unsafe class PairPassShares : IWorkerJob
{
    /// <summary>Rows per turn: a multiple of every counter's tile height (6 and 8) and block, and small enough to balance.</summary>
    public const int RowsPerTurn = 48;

    private readonly PassWorkers _workers;
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

    public PairPassShares(PassWorkers workers, int panelWidth, int scratchLength, int maxPatches)
    {
        _workers = workers;
        _panelWidth = panelWidth;
        _scratch = new float[workers.Threads][];
        _workerDegrees = new int[workers.Threads - 1][];
        for (int t = 0; t < workers.Threads; t++)
        {
            _scratch[t] = new float[scratchLength];
            if (t > 0)
            {
                _workerDegrees[t - 1] = new int[maxPatches];
            }
        }
    }

    /// <summary>Runs <paramref name="request"/> on every thread, then adds the workers' degrees to <paramref name="degrees"/>.</summary>
    public void Run(in PairRequest request, int* degrees, KernelWidth width)
    {
        _request = request;
        _callerDegrees = degrees;
        _panelCount = _panelWidth > 0 ? KeyPanels.Count(request.N, _panelWidth) : 0;
        _nextPanel = 0;
        _packedPanels = 0;
        _turns = (request.N + RowsPerTurn - 1) / RowsPerTurn;
        _nextTurn = 0;
        try
        {
            _workers.Run(this);
        }
        finally
        {
            _callerDegrees = null;
            _request = default;
        }
        var total = new Span<int>(degrees, request.N);
        foreach (int[] workerDegrees in _workerDegrees)
        {
            VectorMath.AddInto(total, workerDegrees.AsSpan(0, request.N), width);
        }
    }

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
            while (Volatile.Read(ref _packedPanels) < panelCount && !_workers.HasFailed)
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
}
