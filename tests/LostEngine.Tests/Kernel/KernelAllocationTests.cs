using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection;

/// <summary>
/// A warm kernel call allocates nothing, on the calling thread or on the workers. The class runs alone
/// (its collection disables parallelisation), so no other test allocates meanwhile (see <see cref="Allocations"/>).
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
        Action call = () => LostKernel.Run(keys, c.Dim, p, workspace);
        Allocations.WarmUp(call);
        Assert.Equal(0, Allocations.OnCallingThread(call, Calls));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_warm_call_allocates_nothing_on_any_thread(KernelWidth width, int threads)
    {
        var c = Case;
        var keys = c.Keys();
        var p = c.Parameters;
        using var workspace = new LostWorkspace(c.N, c.Dim, new LostKernelOptions(width, SimilarityBackend.Managed, threads));
        Action call = () => LostKernel.Run(keys, c.Dim, p, workspace);
        Allocations.WarmUp(call);
        Assert.Equal(0, Allocations.OnAnyThread(call, Calls));
    }
}
