using System.Runtime.ExceptionServices;

namespace LostEngine.Kernel;

/// <summary>Work that every thread of a <see cref="PassWorkers"/> takes a share of.</summary>
internal interface IWorkerJob
{
    /// <summary>This thread's share; <paramref name="thread"/> is 0 for the calling thread, 1 and up for the workers.</summary>
    void Run(int thread);
}

/// <summary>
/// The long-lived threads that share a pass with the calling thread. They are started once with the workspace and
/// sleep on an event between passes, so a pass creates no thread, task or closure: the job is an object the
/// workspace made once. They know nothing of what they run, so every pass (the pair pass, the graph products)
/// hands out its own work, and nothing calls back up into the code that started it.
/// </summary>
internal sealed class PassWorkers : IDisposable
{
    // The most ManualResetEventSlim allows.
    private const int WakeSpinCount = 2047;

    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _start;
    // The caller waits for the last worker on this object's monitor, not on a ManualResetEventSlim: that one makes
    // its lock object the first time a wait has to block, 24 bytes on the caller's heap in the middle of a warm pass.
    private readonly object _finished = new();
    private IWorkerJob? _job;
    private int _pending;
    private volatile bool _stopping;
    private Exception? _failure;

    public PassWorkers(int threads)
    {
        int workers = threads - 1;
        _threads = new Thread[workers];
        _start = new ManualResetEventSlim[workers];
        for (int w = 0; w < workers; w++)
        {
            // A host calling in a hot loop starts the next pass soon after this one: spinning a little before
            // sleeping keeps the worker on its core, where waking a sleeping thread (and, in a VM, its idle
            // virtual CPU) can cost as much as a whole pass at N = 1200.
            _start[w] = new ManualResetEventSlim(false, spinCount: WakeSpinCount);
            _threads[w] = new Thread(WorkerLoop) { IsBackground = true, Name = $"LostEngine worker {w + 1}" };
        }
        for (int w = 0; w < workers; w++)
        {
            _threads[w].Start(w);
        }
    }

    /// <summary>Threads taking part in a pass, the caller included.</summary>
    public int Threads => _threads.Length + 1;

    /// <summary>Whether a thread of the pass in flight has failed; a job's threads that wait on each other stop waiting.</summary>
    public bool HasFailed => Volatile.Read(ref _failure) is not null;

    /// <summary>Runs <paramref name="job"/> on every thread, the caller as thread 0, and rethrows the first failure.</summary>
    public void Run(IWorkerJob job)
    {
        _job = job;
        _failure = null;
        Volatile.Write(ref _pending, _threads.Length);
        foreach (var start in _start)
        {
            start.Set();
        }
        try
        {
            job.Run(0);
        }
        catch (Exception e)
        {
            // Kept like a worker's, so workers waiting on this thread's share stop waiting.
            Interlocked.CompareExchange(ref _failure, e, null);
        }
        finally
        {
            WaitForWorkers();
            _job = null;
        }
        if (_failure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
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
                _job!.Run(w + 1);
            }
            catch (Exception e)
            {
                // Rethrown on the calling thread; an exception escaping a worker would end the host process.
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            if (Interlocked.Decrement(ref _pending) == 0)
            {
                lock (_finished)
                {
                    Monitor.PulseAll(_finished);
                }
            }
        }
    }

    // Shares are balanced, so the last worker is usually a few microseconds behind: spin first, then sleep on the
    // monitor. The count is checked under the lock the last worker pulses under, so no wake-up is lost.
    private void WaitForWorkers()
    {
        var spinner = new SpinWait();
        while (Volatile.Read(ref _pending) > 0 && !spinner.NextSpinWillYield)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        lock (_finished)
        {
            while (Volatile.Read(ref _pending) > 0)
            {
                Monitor.Wait(_finished);
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
    }
}
