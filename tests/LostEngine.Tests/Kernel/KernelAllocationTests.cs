using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection;

/// <summary>
/// A warm kernel call allocates nothing, on the calling thread or on the workers. The class runs alone
/// (its collection disables parallelisation), so no other test allocates meanwhile.
/// </summary>
[Collection(nameof(AllocationCollection))]
public class KernelAllocationTests
{
    private const int Calls = 20;

    // Small, so the warm-up is quick; the size does not change which code runs.
    private static readonly KernelCase Case = new(9, 13, 45, 100, KeyPattern.PlantedObject, 7, 16, 9 * 16 - 5, 13 * 16);

    public static TheoryData<KernelWidth, int> Paths()
    {
        var data = new TheoryData<KernelWidth, int>();
        foreach (var width in new[] { KernelWidth.Scalar, KernelWidth.Vector256, KernelWidth.Vector512 }.Where(KernelWidthSelector.IsSupported))
        {
            data.Add(width, 1);
            data.Add(width, 2);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_warm_call_allocates_nothing_on_the_calling_thread(KernelWidth width, int threads)
    {
        var c = Case;
        var keys = c.Keys();
        var p = c.Parameters;
        using var workspace = new LostWorkspace(c.N, c.Dim, new LostKernelOptions(width, SimilarityBackend.Managed, threads));
        WarmUp(keys, c.Dim, p, workspace);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            LostKernel.Run(keys, c.Dim, p, workspace);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_warm_call_allocates_nothing_on_any_thread(KernelWidth width, int threads)
    {
        var c = Case;
        var keys = c.Keys();
        var p = c.Parameters;
        using var workspace = new LostWorkspace(c.N, c.Dim, new LostKernelOptions(width, SimilarityBackend.Managed, threads));
        WarmUp(keys, c.Dim, p, workspace);

        // GetTotalAllocatedBytes counts every thread of the process, including the runner's own (its message
        // sinks, timers). A worker that allocated per call would make every window non-zero, so the smallest of
        // a few windows is 0 exactly when the kernel allocates nothing and only a stray runner allocation is noise.
        long smallest = long.MaxValue;
        for (int window = 0; window < 5 && smallest != 0; window++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < Calls; i++)
            {
                LostKernel.Run(keys, c.Dim, p, workspace);
            }
            smallest = Math.Min(smallest, GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        Assert.Equal(0, smallest);
    }

    /// <summary>
    /// Runs past tiered compilation: enough calls for every method to be promoted (30 calls after the runtime's
    /// 100 ms delay), a pause for the background compiler, then more calls on the final code. Without it the
    /// runtime's own call counting and on-stack replacement show up as allocations of the first calls.
    /// </summary>
    private static void WarmUp(float[] keys, int dim, LostParameters p, LostWorkspace workspace)
    {
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 40; i++)
            {
                LostKernel.Run(keys, dim, p, workspace);
            }
            Thread.Sleep(150);
        }
    }
}
