using System.Runtime.CompilerServices;
using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>A workspace (LOST's or TokenCut/MaskCut's) with worker threads stops them when disposed, or when collected undisposed.</summary>
public class WorkerLifetimeTests
{
    public enum Workspace
    {
        Lost,
        Ncut,
    }

    [Theory]
    [InlineData(Workspace.Lost)]
    [InlineData(Workspace.Ncut)]
    public void Dispose_stops_every_worker_thread(Workspace kind)
    {
        var (workspace, workers) = Create(kind, threads: 3);
        Assert.True(workers!.AnyAlive);
        workspace.Dispose();
        Assert.False(workers.AnyAlive);
        workspace.Dispose();
    }

    [Theory]
    [InlineData(Workspace.Lost)]
    [InlineData(Workspace.Ncut)]
    public void A_workspace_dropped_without_dispose_stops_its_workers_when_collected(Workspace kind)
    {
        var workers = CreateAndDrop(kind);
        for (int attempt = 0; attempt < 50 && workers.AnyAlive; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(20);
        }
        Assert.False(workers.AnyAlive);
    }

    [Theory]
    [InlineData(Workspace.Lost)]
    [InlineData(Workspace.Ncut)]
    public void A_single_thread_workspace_has_no_workers(Workspace kind)
    {
        var (workspace, workers) = Create(kind, threads: 1);
        using (workspace)
        {
            Assert.Null(workers);
        }
    }

    private static (IDisposable Workspace, PassWorkers? Workers) Create(Workspace kind, int threads)
    {
        var options = new LostKernelOptions(Threads: threads);
        if (kind == Workspace.Lost)
        {
            var lost = new LostWorkspace(100, 8, options);
            return (lost, lost.Workers);
        }
        var ncut = new NcutWorkspace(100, 8, options);
        return (ncut, ncut.Workers);
    }

    // The workers run a call first (N = 100 is more than one turn of the pair pass), so they have done real work.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static PassWorkers CreateAndDrop(Workspace kind)
    {
        if (kind == Workspace.Lost)
        {
            var workspace = new LostWorkspace(100, 8, new LostKernelOptions(Threads: 2));
            var c = new KernelCase(10, 10, 8, 100, KeyPattern.Uniform, 3, 16, 160, 160);
            LostKernel.Run(c.Keys(), c.Dim, c.Parameters, workspace);
            return workspace.Workers!;
        }
        var ncut = new NcutWorkspace(100, 8, new LostKernelOptions(Threads: 2));
        var planted = NcutCase.Create(10, 10, 7, 2, NcutKeyStyle.Gaussian, 0.5, false, 3, 16, 0, 0, 0.2f);
        Assert.True(TokenCutKernel.Run(planted.Keys, planted.Dim, planted.TokenCut, ncut).HasObject);
        Assert.True(MaskCutKernel.Run(planted.Keys, planted.Dim, planted.MaskCut(), ncut).HasObject);
        return ncut.Workers!;
    }
}
