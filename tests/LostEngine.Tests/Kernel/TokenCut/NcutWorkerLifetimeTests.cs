using System.Runtime.CompilerServices;
using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>An <see cref="NcutWorkspace"/> with worker threads stops them when disposed, or when collected undisposed.</summary>
public class NcutWorkerLifetimeTests
{
    [Fact]
    public void Dispose_stops_every_worker_thread()
    {
        var workspace = new NcutWorkspace(100, 8, new LostKernelOptions(Threads: 3));
        var workers = workspace.Workers!;
        Assert.True(workers.AnyAlive);
        workspace.Dispose();
        Assert.False(workers.AnyAlive);
        workspace.Dispose();
    }

    [Fact]
    public void A_workspace_dropped_without_dispose_stops_its_workers_when_collected()
    {
        var workers = CreateAndDrop();
        for (int attempt = 0; attempt < 50 && workers.AnyAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(20);
        }
        Assert.False(workers.AnyAlive);
    }

    [Fact]
    public void A_single_thread_workspace_has_no_workers()
    {
        using var workspace = new NcutWorkspace(100, 8, new LostKernelOptions(Threads: 1));
        Assert.Null(workspace.Workers);
    }

    // Both methods run first, so the workers have done real work (N = 100 is more than one turn of the pair pass).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PassWorkers CreateAndDrop()
    {
        var workspace = new NcutWorkspace(100, 8, new LostKernelOptions(Threads: 2));
        var c = NcutCase.Create(10, 10, 7, 2, NcutKeyStyle.Gaussian, 0.5, false, 3, 16, 0, 0, 0.2f);
        Assert.True(TokenCutKernel.Run(c.Keys, c.Dim, c.TokenCut, workspace).HasObject);
        Assert.True(MaskCutKernel.Run(c.Keys, c.Dim, c.MaskCut(), workspace).HasObject);
        return workspace.Workers!;
    }
}
