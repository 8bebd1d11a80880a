using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// The solver's explicit restart, which full-size solves reach only past 256 Lanczos vectors: with room for a
/// dozen vectors it must restart from its two leading Ritz vectors and still arrive at the full basis's answer.
/// </summary>
public unsafe class FiedlerRestartTests
{
    [Theory]
    [InlineData(6, 1)]
    [InlineData(8, 2)]
    [InlineData(8, 3)]
    public void A_small_basis_restarts_and_finds_the_same_eigenvector(int basis, int seed)
    {
        var c = NcutCase.Create(14, 17, 24, 2, NcutKeyStyle.Gaussian, 1.2, false, seed, 16, 0, 0, 0.2f);
        int n = c.N;
        using var workspace = new NcutWorkspace(n, c.Dim, new LostKernelOptions(KernelWidth.Scalar));
        PatchGraph.Build(c.Keys, n, c.Dim, c.TokenCut.Tau, workspace);
        var full = NormalizedCut.Solve(n, c.TokenCut.Eps, workspace);
        Assert.Equal(FiedlerStatus.Solved, full.Status);
        var expected = workspace.Eigenvector.Length == 0 ? workspace.EigenvectorBuffer(n).ToArray() : workspace.Eigenvector.ToArray();

        var repeats = PatchGraph.Measure(n, c.TokenCut.Eps, workspace);
        var solver = new FiedlerSolver(n, basis);
        var x = new double[n];
        FiedlerOutcome small;
        fixed (ulong* bits = workspace.GraphBuffer(n))
        fixed (double* invSqrt = workspace.InvSqrtBuffer(n))
        {
            var graph = new NormalizedGraph(bits, null, n, c.TokenCut.Eps, invSqrt, KernelWidth.Scalar, null);
            small = solver.Solve(graph, workspace.DegreeBuffer(n), workspace.InvSqrtBuffer(n), workspace.RowHashBuffer(n), repeats, x);
        }

        Assert.Equal(FiedlerStatus.Solved, small.Status);
        Assert.True(small.Products > basis, $"{small.Products} products with room for {basis} vectors: no restart happened");
        Assert.True(full.Products < small.Products, $"the full basis took {full.Products} products, the small one {small.Products}");
        Assert.Equal(full.Mu2, small.Mu2, 1e-10);
        Assert.Equal(full.Mu3, small.Mu3, 1e-6);
        double sign = Math.Sign(expected.Zip(x, (a, b) => a * b).Sum());
        double largest = expected.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(sign * x[i] - expected[i]) <= 1e-7 * largest, $"x[{i}] = {sign * x[i]}, full basis {expected[i]}");
        }
    }
}
