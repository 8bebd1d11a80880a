using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// Inputs with no cut to make give "no object" with the spec's reason (ncut-spec §1.9–1.10), on every path, never an
/// exception or a box made up from rounding: fewer than 3 patches; all keys equal; all keys zero (with tau above and
/// below 0, so the graph is all eps or all edges); tau above every similarity between two patches (B = I) or above
/// every similarity at all (B = 0). MaskCut then finds nothing in any round.
/// </summary>
public class NcutDegenerateInputTests
{
    public static TheoryData<KernelWidth, int> Paths()
    {
        var data = new TheoryData<KernelWidth, int>();
        foreach (var options in NcutPaths.All)
        {
            data.Add(options.Width, options.Threads);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Fewer_than_three_patches_give_too_few_patches(KernelWidth width, int threads)
    {
        foreach (var (rows, cols) in new[] { (1, 1), (1, 2), (2, 1) })
        {
            var keys = Enumerable.Range(0, rows * cols * 5).Select(i => (float)(i % 4 - 1)).ToArray();
            NoObject(keys, 5, rows, cols, 0.2f, width, threads, NoObjectReason.TooFewPatches);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Equal_keys_give_no_clear_cut(KernelWidth width, int threads)
    {
        foreach (var (rows, cols, dim) in new[] { (1, 3, 1), (7, 9, 5), (13, 11, 67) })
        {
            var key = Enumerable.Range(0, dim).Select(t => (float)(t % 5 - 2) + 0.25f).ToArray();
            var keys = Enumerable.Range(0, rows * cols).SelectMany(_ => key).ToArray();
            foreach (float tau in new[] { 0.2f, -0.5f })
            {
                NoObject(keys, dim, rows, cols, tau, width, threads, NoObjectReason.NoClearCut);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Zero_keys_give_no_clear_cut_whether_zero_is_an_edge_or_not(KernelWidth width, int threads)
    {
        foreach (var (rows, cols, dim) in new[] { (3, 1, 3), (9, 7, 13), (20, 31, 33) })
        {
            foreach (float tau in new[] { 0.2f, 0f, -0.5f })
            {
                NoObject(new float[rows * cols * dim], dim, rows, cols, tau, width, threads, NoObjectReason.NoClearCut);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_tau_above_every_similarity_between_patches_gives_no_clear_cut(KernelWidth width, int threads)
    {
        // Distinct random keys: only the diagonal (s = 1) is above tau, so B = I and every other eigenvalue is equal.
        const int rows = 11, cols = 9, dim = 23;
        var random = new Random(5);
        var keys = Enumerable.Range(0, rows * cols * dim).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var f = ReferenceNcut.Normalize(keys, rows * cols, dim);
        double largest = Enumerable.Range(0, rows * cols).SelectMany(i => Enumerable.Range(0, i).Select(j => ReferenceNcut.Similarity(f, dim, i, j))).Max();
        Assert.True(largest < 0.99, $"the keys' largest similarity {largest} leaves no room below 1");
        NoObject(keys, dim, rows, cols, 0.999f, width, threads, NoObjectReason.NoClearCut);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_tau_of_one_gives_no_clear_cut_for_keys_that_normalise_exactly(KernelWidth width, int threads)
    {
        // Keys of four ±1s and zeros normalise to exact ±0.5s: every similarity, the diagonal's included, is exact
        // and at most 1, so nothing is above tau = 1 and A = eps·J.
        const int rows = 6, cols = 7, dim = 9;
        var random = new Random(11);
        var keys = new float[rows * cols * dim];
        for (int i = 0; i < rows * cols; i++)
        {
            foreach (int t in Enumerable.Range(0, dim).OrderBy(_ => random.Next()).Take(4))
            {
                keys[i * dim + t] = random.Next(2) == 0 ? -1 : 1;
            }
        }
        NoObject(keys, dim, rows, cols, 1f, width, threads, NoObjectReason.NoClearCut);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_tau_of_one_gives_no_clear_cut_even_where_rounding_makes_a_self_similarity_above_one(KernelWidth width, int threads)
    {
        // Minimal: three patches, d = 2; ‖(4, 3)‖ = 5 exactly, and 0.8² + 0.6² = 1, but 0.8f² + 0.6f² rounds above 1.
        float[] keys = [4, 3, 1, 0, 0, 1];
        NoObject(keys, 2, 1, 3, 1f, width, threads, NoObjectReason.NoClearCut);
    }

    private static void NoObject(float[] keys, int dim, int rows, int cols, float tau, KernelWidth width, int threads, NoObjectReason reason)
    {
        string where = $"{rows}x{cols}, d = {dim}, tau {tau}, {width}, {threads} thread(s)";
        using var workspace = new NcutWorkspace(rows * cols, dim, new LostKernelOptions(width, SimilarityBackend.Managed, threads));
        var result = TokenCutKernel.Run(keys, dim, TokenCutParameters.ForGrid(rows, cols, 16, tau), workspace);
        Assert.True(reason == result.Reason, $"TokenCut: {result.Reason} (seed {result.Seed}, box {result.Box}), expected {reason}: {where}");
        Assert.False(result.HasObject);
        Assert.Equal(-1, result.Seed);
        Assert.Equal(default, result.Box);
        Assert.Equal(default, result.BoxPatches);
        Assert.Equal(0, result.ComponentSize);
        Assert.NotEmpty(result.ReasonText);
        Assert.True(workspace.Eigenvector.IsEmpty && workspace.Partition.IsEmpty && workspace.Component.IsEmpty, where);
        if (reason == NoObjectReason.NoClearCut)
        {
            Assert.True(result.Eigengap <= FiedlerSolver.DegenerateGap, $"gap {result.Eigengap}: {where}");
        }

        var p = MaskCutParameters.ForGrid(rows, cols, 16, tau, rounds: 3);
        var masks = MaskCutKernel.Run(keys, dim, p, workspace);
        Assert.True(reason == masks.Reason, $"MaskCut: {masks.Reason} ({masks.ObjectCount} objects), expected {reason}: {where}");
        Assert.False(masks.HasObject);
        Assert.Equal(0, masks.ObjectCount);
        Assert.Equal(3, masks.RoundCount);
        Assert.Equal(default, masks.FirstObject);
        Assert.True(workspace.Objects.IsEmpty, where);
        Assert.All(workspace.ObjectMap.ToArray(), v => Assert.Equal(0, v));
        for (int r = 0; r < 3; r++)
        {
            var round = workspace.Rounds[r];
            Assert.Equal(reason, round.Reason);
            Assert.True(round.Seed == -1 && round.MaskSize == 0 && round.ObjectIndex == -1 && !round.Dropped, $"{round}: {where}");
            Assert.All(workspace.RoundMask(r).ToArray(), b => Assert.Equal(0, b));
        }
    }
}
