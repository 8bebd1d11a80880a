using System.Runtime.ExceptionServices;

namespace LostEngine.Kernel;

/// <summary>
/// The long-lived threads that share the degree pass with the calling thread. They are started once with the
/// workspace and sleep on an event between calls, so a call creates no thread, task or closure. Rows are handed
/// out in turns of <see cref="RowsPerTurn"/> from the top of the triangle, where rows have the most columns, so
/// the big turns go first and the small ones even out the finish. Each worker counts into its own degree array;
/// the caller adds them up at the end. The key panels are packed the same way, one panel per turn, before any
/// thread starts counting.
/// </summary>
internal sealed unsafe class DegreeWorkers : IDisposable
{
    /// <summary>Rows per turn: a multiple of every counter's tile height (6 and 8) and block, and small enough to balance.</summary>
    public const int RowsPerTurn = 48;

    // The most ManualResetEventSlim allows.
    private const int WakeSpinCount = 2047;

    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _start;
    private readonly ManualResetEventSlim _finished = new(false);
    private readonly int[][] _workerDegrees;
    private readonly float[][] _workerScratch;
    private int _pending;
    private int _nextPanel;
    private int _packedPanels;
    private int _panelCount;
    private int _panelWidth;
    private int _nextTurn;
    private volatile bool _stopping;
    private Exception? _failure;

    private DegreeCounterKind _kind;
    private float* _keys;
    private int _keysLength;
    private float* _panels;
    private int _panelsLength;
    private int _n;
    private int _dim;
    private int _turns;

    public DegreeWorkers(int threads, int maxPatches, int scratchLength)
    {
        int workers = threads - 1;
        _threads = new Thread[workers];
        _start = new ManualResetEventSlim[workers];
        _workerDegrees = new int[workers][];
        _workerScratch = new float[workers][];
        for (int w = 0; w < workers; w++)
        {
            // A host calling in a hot loop starts the next pass soon after this one: spinning a little before
            // sleeping keeps the worker on its core, where waking a sleeping thread (and, in a VM, its idle
            // virtual CPU) can cost as much as a whole pass at N = 1200.
            _start[w] = new ManualResetEventSlim(false, spinCount: WakeSpinCount);
            _workerDegrees[w] = new int[maxPatches];
            _workerScratch[w] = new float[scratchLength];
            _threads[w] = new Thread(WorkerLoop) { IsBackground = true, Name = $"LostEngine degree worker {w + 1}" };
        }
        for (int w = 0; w < workers; w++)
        {
            _threads[w].Start(w);
        }
    }

    /// <summary>Threads taking part in a pass, the caller included.</summary>
    public int Threads => _threads.Length + 1;

    /// <summary>Counts every pair of the pass into <paramref name="degrees"/> (cleared by the caller).</summary>
    public void Count(DegreeCounterKind kind, ReadOnlySpan<float> keys, int n, int dim, int panelWidth, Span<float> panels, Span<int> degrees,
        Span<float> scratch)
    {
        // The keys and panels stay pinned until every worker has finished with the raw pointers it was given.
        fixed (float* keysPointer = keys)
        fixed (float* panelsPointer = panels)
        {
            _kind = kind;
            _keys = keysPointer;
            _keysLength = keys.Length;
            _panels = panelsPointer;
            _panelsLength = panels.Length;
            _n = n;
            _dim = dim;
            _turns = (n + RowsPerTurn - 1) / RowsPerTurn;
            _nextTurn = 0;
            _panelWidth = panelWidth;
            _panelCount = panelWidth > 0 ? KeyPanels.Count(n, panelWidth) : 0;
            _nextPanel = 0;
            _packedPanels = 0;
            _failure = null;
            _finished.Reset();
            Volatile.Write(ref _pending, _threads.Length);
            foreach (var start in _start)
            {
                start.Set();
            }
            try
            {
                Share(kind, keys, n, dim, panels, degrees, scratch);
            }
            catch (Exception e)
            {
                // Kept like a worker's, so the workers waiting on this thread's panels stop waiting.
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            finally
            {
                _finished.Wait();
                _keys = null;
                _panels = null;
            }
        }
        if (_failure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
        foreach (int[] workerDegrees in _workerDegrees)
        {
            VectorMath.AddInto(degrees, workerDegrees.AsSpan(0, n));
        }
    }

    private void Share(DegreeCounterKind kind, ReadOnlySpan<float> keys, int n, int dim, Span<float> panels, Span<int> degrees,
        Span<float> scratch)
    {
        int panelCount = _panelCount;
        int width = _panelWidth;
        for (int p = Interlocked.Increment(ref _nextPanel) - 1; p < panelCount; p = Interlocked.Increment(ref _nextPanel) - 1)
        {
            KeyPanels.PackPanel(keys, n, dim, width, p, panels);
            Interlocked.Increment(ref _packedPanels);
        }
        // Every tile may read any panel to its right, so counting waits for the last panel (or a failure, which
        // the caller rethrows). A panel takes microseconds, so spinning (yielding, never sleeping) beats blocking.
        var spinner = new SpinWait();
        while (Volatile.Read(ref _packedPanels) < panelCount && Volatile.Read(ref _failure) is null)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        CountTurns(kind, keys, n, dim, panels, degrees, scratch);
    }

    private void CountTurns(DegreeCounterKind kind, ReadOnlySpan<float> keys, int n, int dim, ReadOnlySpan<float> panels, Span<int> degrees,
        Span<float> scratch)
    {
        int turns = _turns;
        for (int turn = Interlocked.Increment(ref _nextTurn) - 1; turn < turns; turn = Interlocked.Increment(ref _nextTurn) - 1)
        {
            int rowStart = turn * RowsPerTurn;
            DegreePass.CountRows(kind, keys, n, dim, rowStart, Math.Min(n, rowStart + RowsPerTurn), degrees, panels, scratch);
        }
    }

    private void WorkerLoop(object? state)
    {
        int w = (int)state!;
        var start = _start[w];
        while (true)
        {
            start.Wait();
            start.Reset();
            if (_stopping)
            {
                return;
            }
            try
            {
                var degrees = _workerDegrees[w].AsSpan(0, _n);
                degrees.Clear();
                Share(_kind, new ReadOnlySpan<float>(_keys, _keysLength), _n, _dim,
                    new Span<float>(_panels, _panelsLength), degrees, _workerScratch[w]);
            }
            catch (Exception e)
            {
                // Rethrown on the calling thread; an exception escaping a worker would end the host process.
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            if (Interlocked.Decrement(ref _pending) == 0)
            {
                _finished.Set();
            }
        }
    }

    /// <summary>Whether any worker thread is still alive.</summary>
    public bool AnyAlive => _threads.Any(thread => thread.IsAlive);

    /// <summary>
    /// Tells every worker to exit without waiting, which is all a finalizer may do: it must not block on other
    /// threads. The events stay usable, since the live worker threads keep this object reachable.
    /// </summary>
    public void SignalStop()
    {
        _stopping = true;
        foreach (var start in _start)
        {
            start.Set();
        }
    }

    /// <summary>Wakes every worker to exit and waits for it.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }
        SignalStop();
        foreach (var thread in _threads)
        {
            thread.Join();
        }
        foreach (var start in _start)
        {
            start.Dispose();
        }
        _finished.Dispose();
    }
}
