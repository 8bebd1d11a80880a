namespace LostEngine.Kernel;

/// <summary>The step TokenCut and every MaskCut round share: the second eigenvector of the graph now in the workspace.</summary>
internal static unsafe class NormalizedCut
{
    /// <summary>Measures the graph and solves it; on success x (xᵀDx = 1, sign arbitrary) is in the workspace's eigenvector.</summary>
    public static FiedlerOutcome Solve(int n, double eps, NcutWorkspace workspace)
    {
        var repeats = PatchGraph.Measure(n, eps, workspace);
        if (workspace.Width == KernelWidth.Vector512)
        {
            fixed (ulong* bits = workspace.GraphBuffer(n))
            fixed (ulong* blocks = workspace.RowBlockBuffer(n))
            {
                BitGraph.InterleaveRowBlocks(bits, n, blocks);
            }
        }
        fixed (ulong* bits = workspace.GraphBuffer(n))
        fixed (ulong* blocks = workspace.RowBlockBuffer(n))
        fixed (double* invSqrt = workspace.InvSqrtBuffer(n))
        {
            var graph = new NormalizedGraph(bits, blocks, n, eps, invSqrt, workspace.Width, workspace.ProductShares);
            return workspace.Solver.Solve(graph, workspace.DegreeBuffer(n), workspace.InvSqrtBuffer(n), workspace.RowHashBuffer(n),
                repeats, workspace.EigenvectorBuffer(n));
        }
    }

    /// <summary>
    /// The sign the reference's LAPACK call gives the eigenvector just solved: +1, -1, or 0 when it cannot be told;
    /// <paramref name="products"/> counts the products with the graph the replay made.
    /// </summary>
    public static int ReferenceSign(int n, double eps, NcutWorkspace workspace, out int products)
    {
        fixed (ulong* bits = workspace.GraphBuffer(n))
        fixed (ulong* blocks = workspace.RowBlockBuffer(n))
        fixed (double* invSqrt = workspace.InvSqrtBuffer(n))
        {
            var graph = new NormalizedGraph(bits, blocks, n, eps, invSqrt, workspace.Width, workspace.ProductShares);
            return workspace.Solver.ReferenceSign(graph, workspace.DegreeBuffer(n), workspace.EigenvectorBuffer(n), out products);
        }
    }
}
