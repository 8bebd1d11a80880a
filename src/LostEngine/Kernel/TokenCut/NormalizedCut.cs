namespace LostEngine.Kernel;

/// <summary>The step TokenCut and every MaskCut round share: the second eigenvector of the graph now in the workspace.</summary>
internal static unsafe class NormalizedCut
{
    /// <summary>Measures the graph and solves it; on success x (xᵀDx = 1, sign arbitrary) is in the workspace's eigenvector.</summary>
    public static FiedlerOutcome Solve(int n, double eps, NcutWorkspace workspace)
    {
        var repeats = PatchGraph.Measure(n, eps, workspace);
        fixed (ulong* bits = workspace.GraphBuffer(n))
        {
            return workspace.Solver.Solve(bits, n, eps, workspace.DegreeBuffer(n), workspace.InvSqrtBuffer(n), workspace.RowHashBuffer(n),
                repeats.DuplicateRows, repeats.First, repeats.Second, workspace.Width, workspace.EigenvectorBuffer(n));
        }
    }

    /// <summary>The sign the reference's LAPACK call gives the eigenvector just solved: +1, -1, or 0 when it cannot be told.</summary>
    public static int ReferenceSign(int n, double eps, NcutWorkspace workspace)
    {
        fixed (ulong* bits = workspace.GraphBuffer(n))
        {
            return workspace.Solver.ReferenceSign(bits, n, eps, workspace.DegreeBuffer(n), workspace.InvSqrtBuffer(n),
                workspace.EigenvectorBuffer(n), workspace.Width);
        }
    }
}
