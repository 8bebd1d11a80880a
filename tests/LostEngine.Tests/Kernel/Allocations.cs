namespace LostEngine.Tests.Kernel;

/// <summary>
/// Measures what a warm kernel call allocates. Callers run in <see cref="AllocationCollection"/>, which runs alone,
/// so no other test allocates meanwhile.
/// </summary>
internal static class Allocations
{
    /// <summary>
    /// Runs past tiered compilation: enough calls for every method to be promoted (30 calls after the runtime's
    /// 100 ms delay), a pause for the background compiler, then more calls on the final code. Without it the
    /// runtime's own call counting and on-stack replacement show up as allocations of the first calls.
    /// </summary>
    public static void WarmUp(Action call)
    {
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 40; i++)
            {
                call();
            }
            Thread.Sleep(150);
        }
    }

    /// <summary>Bytes <paramref name="calls"/> calls allocate on the calling thread.</summary>
    public static long OnCallingThread(Action call, int calls)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            call();
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>
    /// The fewest bytes the process allocated over a few windows of <paramref name="calls"/> calls. GetTotalAllocatedBytes
    /// counts every thread of the process, including the runner's own (its message sinks, timers). A worker that
    /// allocated per call would make every window non-zero, so the smallest of a few windows is 0 exactly when the
    /// kernel allocates nothing and only a stray runner allocation is noise.
    /// </summary>
    public static long OnAnyThread(Action call, int calls)
    {
        long smallest = long.MaxValue;
        for (int window = 0; window < 5 && smallest != 0; window++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < calls; i++)
            {
                call();
            }
            smallest = Math.Min(smallest, GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        return smallest;
    }
}
