using System.Runtime.CompilerServices;
using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

public class WorkerLifetimeTests
{
    [Fact]
    public void Dispose_stops_every_worker_thread()
    {
        var workspace = new LostWorkspace(100, 8, new LostKernelOptions(Threads: 3));
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PassWorkers CreateAndDrop()
    {
        var workspace = new LostWorkspace(100, 8, new LostKernelOptions(Threads: 2));
        var c = new KernelCase(10, 10, 8, 100, KeyPattern.Uniform, 3, 16, 160, 160);
        LostKernel.Run(c.Keys(), c.Dim, c.Parameters, workspace);
        return workspace.Workers!;
    }
}
