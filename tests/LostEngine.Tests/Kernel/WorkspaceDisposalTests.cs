using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// A disposed workspace refuses every call and every read of a call's details with
/// <see cref="ObjectDisposedException"/>; its sizes and options stay readable, and a second Dispose does nothing.
/// </summary>
public sealed class WorkspaceDisposalTests
{
    private static readonly KernelCase Case = new(9, 13, 16, 100, KeyPattern.PlantedObject, 7, 16, 9 * 16 - 5, 13 * 16);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_disposed_lost_workspace_refuses_calls_and_details(int threads)
    {
        var workspace = new LostWorkspace(Case.N, Case.Dim, new LostKernelOptions(Threads: threads));
        float[] keys = Case.Keys();
        LostKernel.Run(keys, Case.Dim, Case.Parameters, workspace);
        workspace.Dispose();
        workspace.Dispose();

        Assert.Throws<ObjectDisposedException>(() => LostKernel.Run(keys, Case.Dim, Case.Parameters, workspace));
        Assert.Throws<ObjectDisposedException>(() => workspace.Degrees.Length);
        Assert.Throws<ObjectDisposedException>(() => workspace.Potentials.Length);
        Assert.Throws<ObjectDisposedException>(() => workspace.Similars.Length);
        Assert.Throws<ObjectDisposedException>(() => workspace.ExpansionMap.Length);
        Assert.Throws<ObjectDisposedException>(() => workspace.Component.Length);
        Assert.Equal((Case.N, Case.Dim, threads), (workspace.MaxPatches, workspace.MaxDim, workspace.Options.Threads));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_disposed_ncut_workspace_refuses_calls_and_details(int threads)
    {
        var c = NcutCase.Create(8, 9, 7, 1, NcutKeyStyle.Gaussian, 0.8, false, 22, 16, 0, 0, -0.1f);
        var workspace = new NcutWorkspace(c.N, c.Dim, new LostKernelOptions(Threads: threads));
        Assert.True(MaskCutKernel.Run(c.Keys, c.Dim, c.MaskCut(), workspace).ObjectCount > 0);
        workspace.Dispose();
        workspace.Dispose();

        Assert.Throws<ObjectDisposedException>(() => TokenCutKernel.Run(c.Keys, c.Dim, c.TokenCut, workspace));
        Assert.Throws<ObjectDisposedException>(() => MaskCutKernel.Run(c.Keys, c.Dim, c.MaskCut(), workspace));
        Assert.Throws<ObjectDisposedException>(() => workspace.Eigenvector.Length);
        Assert.Throws<ObjectDisposedException>(() => workspace.Partition.Length);
        Assert.Throws<ObjectDisposedException>(() => workspace.Component.Length);
        Assert.Throws<ObjectDisposedException>(() => workspace.Degrees.Length);
        Assert.Throws<ObjectDisposedException>(() => workspace.Objects.Length);
        Assert.Throws<ObjectDisposedException>(() => workspace.Rounds.Length);
        Assert.Throws<ObjectDisposedException>(() => workspace.ObjectMap.Length);
        Assert.Throws<ObjectDisposedException>(() => workspace.RoundMask(0).Length);
        Assert.Equal((c.N, c.Dim, threads), (workspace.MaxPatches, workspace.MaxDim, workspace.Options.Threads));
    }
}
