using System.Diagnostics;
using LostEngine.Tests.Kernel;

namespace LostEngine.Tests.Soak;

/// <summary>
/// What a long run of warm calls did to memory: the calling thread's allocations, the managed heap after a full
/// collection at the end of each of a few windows of calls, and the resident set before and after.
/// </summary>
public sealed record SoakMeasurement(string Name, int Calls, long AllocatedBytes, long[] Heap, long ResidentBefore, long ResidentAfter)
{
    private const int Windows = 5;

    /// <summary>How much the heap grew in each window.</summary>
    public long[] WindowGrowth => Heap.Zip(Heap.Skip(1), (before, after) => after - before).ToArray();

    /// <summary>
    /// The least any window grew the heap. The runner's own threads once retain a few hundred KiB at some point of a
    /// run, in whichever windows that falls (one or two); a leak grows every window.
    /// </summary>
    public long SmallestWindowGrowth => WindowGrowth.Min();

    /// <summary>Runs <paramref name="call"/> past tiered compilation, then <paramref name="calls"/> times in windows.</summary>
    public static SoakMeasurement Of(string name, Action call, int calls)
    {
        Allocations.WarmUp(call);
        var heap = new long[Windows + 1];
        heap[0] = GC.GetTotalMemory(forceFullCollection: true);
        long residentBefore = Resident();
        long allocated = 0;
        for (int window = 1; window <= Windows; window++)
        {
            allocated += Allocations.OnCallingThread(call, calls / Windows);
            heap[window] = GC.GetTotalMemory(forceFullCollection: true);
        }
        return new SoakMeasurement(name, calls / Windows * Windows, allocated, heap, residentBefore, Resident());
    }

    public override string ToString() =>
        $"{Name}: {Calls} calls, {AllocatedBytes} bytes allocated on the calling thread, heap {Heap[0] / 1024} -> {Heap[^1] / 1024} KiB "
        + $"(growth per window: {string.Join(", ", WindowGrowth)} bytes), resident {ResidentBefore >> 20} -> {ResidentAfter >> 20} MiB";

    private static long Resident()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
