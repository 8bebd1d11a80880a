namespace LostEngine.Kernel;

/// <summary>
/// TokenCut on one image's patch keys (ncut-spec §1): the binary graph of cosine similarities above tau, its
/// normalized cut by the second eigenvector, the partition at the eigenvector's mean, the seed, the seed's
/// 4-connected component and its box. Each step is a small class of this folder.
/// </summary>
public static class TokenCutKernel
{
    /// <summary>
    /// Runs TokenCut on <paramref name="keys"/> (N × <paramref name="dim"/>, row-major, CLS removed) and returns the
    /// box, or a result with no object and its reason. Allocates nothing once the workspace has run once.
    /// </summary>
    /// <exception cref="LostInputException">The keys, sizes or parameters are inconsistent, or a key is NaN, infinite
    /// or so large that LOST's similarities could overflow float32.</exception>
    /// <exception cref="InvalidOperationException">Another call is running on <paramref name="workspace"/>.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="workspace"/> was disposed.</exception>
    public static TokenCutResult Run(ReadOnlySpan<float> keys, int dim, in TokenCutParameters parameters, NcutWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        using var call = workspace.Enter();
        parameters.Validate();
        KeyInput.Validate(keys, dim, parameters.Grid, workspace.MaxPatches, workspace.MaxDim, workspace.Width);
        int n = parameters.Grid.PatchCount;
        if (n < 3)
        {
            workspace.Record(n, hasCut: false, rounds: 0, objects: 0);
            return TokenCutResult.NoObject(NoObjectReason.TooFewPatches);
        }

        PatchGraph.Build(keys, n, dim, parameters.Tau, workspace);
        var outcome = NormalizedCut.Solve(n, parameters.Eps, workspace);
        if (outcome.Status != FiedlerStatus.Solved)
        {
            workspace.Record(n, hasCut: false, rounds: 0, objects: 0);
            return TokenCutResult.NoObject(NoObjectReason.NoClearCut, outcome.Spectrum);
        }

        var x = workspace.EigenvectorBuffer(n);
        var partition = workspace.PartitionBuffer(n);
        int partitionSize = Bipartition.Split(x, partition);
        int seed = Bipartition.LargestMagnitude(x);
        if (partition[seed] == 0)
        {
            partitionSize = Bipartition.Flip(x, partition);
        }
        var grid = parameters.Grid;
        int size = SeedComponent.Fill(new MarkedCells(partition), grid.Rows, grid.Cols, seed, workspace.ComponentBuffer(n), workspace.QueueBuffer(n),
            out var cells);
        workspace.Record(n, hasCut: true, rounds: 0, objects: 0);
        return new TokenCutResult(seed, grid.ToPixels(cells), cells, size, partitionSize, outcome.Spectrum);
    }
}
