using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// The product with the normalized graph, y = D^-½ A D^-½ q with A = eps·J + (1 − eps)·B, against a dense double
/// loop, for sizes on both sides of a byte (8 columns), a word (64), a table chunk (128 columns and 256 for the
/// permutes) and the size from which the product is shared between threads, by each strategy the CPU runs
/// (byte tables, and AVX-512 nibble permutes where it has them), on one thread and on two.
/// </summary>
public unsafe class GraphProductTests
{
    public static TheoryData<int> Sizes => new(1, 2, 7, 8, 9, 63, 64, 65, 127, 128, 129, 200, 257, 300, ProductShares.MinimumPatches - 1, ProductShares.MinimumPatches + 9);

    private static readonly (KernelWidth Width, int Threads)[] Paths =
        new[] { KernelWidth.Vector256, KernelWidth.Vector512 }.Where(KernelWidthSelector.IsSupported)
            .SelectMany(width => new[] { (width, 1), (width, 2) }).ToArray();

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Apply_matches_the_dense_product(int n)
    {
        foreach (var (width, threads) in Paths)
        {
            MatchesDense(n, width, threads);
        }
    }

    private static void MatchesDense(int n, KernelWidth width, int threads)
    {
        var random = new Random(n);
        foreach (double density in new[] { 0, 0.1, 0.6, 1 })
        {
            var graph = DenseBits.RandomSymmetric(random, n, density, diagonal: true);
            var invSqrt = Enumerable.Range(0, n).Select(_ => 0.1 + 2 * random.NextDouble()).ToArray();
            var q = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            foreach (double eps in new[] { 1e-5, 0.3, 1 })
            {
                var y = Apply(graph, eps, invSqrt, q, width, threads);
                for (int i = 0; i < n; i++)
                {
                    double expected = 0, magnitude = 0;
                    for (int j = 0; j < n; j++)
                    {
                        double term = invSqrt[i] * (graph[i, j] ? 1 : eps) * invSqrt[j] * q[j];
                        expected += term;
                        magnitude += Math.Abs(term);
                    }
                    NcutAssert.Close(expected, y[i], 1e-13 * magnitude + 1e-300, $"y[{i}], n = {n}, density {density}, eps {eps}, {width}, {threads} thread(s)");
                }
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(65)]
    [InlineData(129)]
    [InlineData(300)]
    public void Identical_rows_with_equal_degrees_give_identical_entries(int n)
    {
        var random = new Random(1000 + n);
        var graph = DenseBits.RandomSymmetric(random, n, 0.5, diagonal: true);
        // Rows a and b made equal (and so columns): they agree off their own pair, and all four bits of the pair are one value.
        int a = random.Next(n), b = (a + 1 + random.Next(n - 1)) % n;
        for (int j = 0; j < n; j++)
        {
            graph[b, j] = graph[j, b] = graph[a, j];
        }
        graph[a, a] = graph[b, b] = graph[a, b] = graph[b, a] = random.Next(2) == 0;
        var invSqrt = Enumerable.Range(0, n).Select(_ => 0.1 + random.NextDouble()).ToArray();
        invSqrt[b] = invSqrt[a];
        var q = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        foreach (var (width, threads) in Paths)
        {
            var y = Apply(graph, 1e-5, invSqrt, q, width, threads);
            // Exactly: the solver's tie rule for the seed relies on it.
            Assert.Equal(y[a], y[b]);
        }
    }

    private static double[] Apply(bool[,] graph, double eps, double[] invSqrt, double[] q, KernelWidth width, int threads)
    {
        int n = q.Length;
        var bits = DenseBits.ToBits(graph);
        var blocks = new ulong[Math.Max(1, BitGraph.RowBlockLength(n))];
        var y = new double[n];
        var scratch = new double[NormalizedGraph.ScratchLength(n)];
        using var workers = threads > 1 ? new PassWorkers(threads) : null;
        var shares = workers is null ? null : new ProductShares(workers);
        fixed (ulong* b = bits, rb = blocks)
        fixed (double* s = invSqrt, qp = q, yp = y, sp = scratch)
        {
            BitGraph.InterleaveRowBlocks(b, n, rb);
            new NormalizedGraph(b, rb, n, eps, s, width, shares).Multiply(qp, yp, sp);
        }
        return y;
    }
}
