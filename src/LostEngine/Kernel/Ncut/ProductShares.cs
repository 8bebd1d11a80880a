namespace LostEngine.Kernel;

/// <summary>
/// The binary part of a graph product, <c>B u</c>, split between the calling thread and the workspace's workers by
/// blocks of 8 rows (each thread builds its own tables: they cost a few percent of its share). Identical rows add
/// up the same way in any thread, so splitting changes no bit of the result.
/// </summary>
internal sealed unsafe class ProductShares : IWorkerJob
{
    /// <summary>
    /// Below this N sharing loses: between two products the caller spends long enough on the Gram–Schmidt step for
    /// the worker to go back to sleep, and waking it costs about what it saves. Measured with two threads on noise
    /// keys (80–96 products a call, Zen 4): shared against unshared, 10.0–11.9 against 9.1–9.4 ms at N = 1200,
    /// 27.9 against 30.5 ms at 2400, 102.9 against 111.8 ms at 4800.
    /// </summary>
    public const int MinimumPatches = 2048;

    private readonly PassWorkers _workers;
    private readonly double[][] _tables;
    private ulong* _bits;
    private ulong* _rowBlocks;
    private int _n;
    private bool _permutes;
    private double* _u;
    private double* _rowSums;
    private double* _callerTables;

    public ProductShares(PassWorkers workers)
    {
        _workers = workers;
        _tables = new double[workers.Threads - 1][];
        for (int t = 0; t < _tables.Length; t++)
        {
            _tables[t] = new double[NormalizedGraph.TableLength];
        }
    }

    /// <summary>rowSums = B u over every row, on all threads; <paramref name="tables"/> is the calling thread's.</summary>
    public void Run(ulong* bits, ulong* rowBlocks, int n, bool permutes, double* u, double* rowSums, double* tables)
    {
        _bits = bits;
        _rowBlocks = rowBlocks;
        _n = n;
        _permutes = permutes;
        _u = u;
        _rowSums = rowSums;
        _callerTables = tables;
        _workers.Run(this);
    }

    void IWorkerJob.Run(int thread)
    {
        int blocks = (_n + 7) >> 3;
        int threads = _workers.Threads;
        int blockStart = blocks * thread / threads;
        int blockEnd = blocks * (thread + 1) / threads;
        if (thread == 0)
        {
            Share(blockStart, blockEnd, _callerTables);
            return;
        }
        fixed (double* tables = _tables[thread - 1])
        {
            Share(blockStart, blockEnd, tables);
        }
    }

    private void Share(int blockStart, int blockEnd, double* tables)
    {
        if (_permutes)
        {
            NibblePermuteProduct512.Multiply(_rowBlocks, _n, blockStart, blockEnd, _u, _rowSums, tables);
        }
        else
        {
            ByteTableProduct.Multiply(_bits, _n, blockStart * 8, Math.Min(_n, blockEnd * 8), _u, _rowSums, tables);
        }
    }
}
