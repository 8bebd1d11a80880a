using LostEngine.Kernel;

namespace LostEngine.Tests.Native;

/// <summary>The CBLAS counter's own tiling (tile shapes, comparison widths, row ranges, threads), beyond what the shared counter tests check.</summary>
public sealed unsafe class CblasPairCounterTests
{
    private static readonly int[] Sizes = [1, 2, 3, 7, 15, 16, 17, 31, 33, 63, 64, 65, 100, 127, 129, 200, 255, 257, 300];

    // The engine's tile, and small ones so that even small n crosses many row, column and diagonal blocks.
    private static readonly (int Rows, int Columns)[] TileShapes =
        [(CblasPairCounter.TileRows, CblasPairCounter.TileColumns), (5, 16), (48, 32), (1, 16)];

    // Widths travel by name: the enum is internal to the library and theory parameters must be public.
    public static TheoryData<int, string> DimensionsAndWidths()
    {
        var data = new TheoryData<int, string>();
        foreach (var dim in new[] { 1, 3, 17, 33, 100 })
        {
            foreach (var width in Enum.GetValues<PositiveCountWidth>())
            {
                data.Add(dim, width.ToString());
            }
        }

        return data;
    }

    [BlasTheory]
    [MemberData(nameof(DimensionsAndWidths))]
    public void AllRowsGiveTheScalarDegrees(int dim, string widthName)
    {
        var width = Enum.Parse<PositiveCountWidth>(widthName);
        var random = new Random(dim * 31 + (int)width);
        foreach (var n in Sizes)
        {
            var keys = Kernel.PairHarness.IntegerKeys(random, n, dim);
            var expected = Kernel.ReferenceLost.Degrees(keys, n, dim);
            foreach (var (rows, columns) in TileShapes)
            {
                var degrees = new int[n];
                var tile = new float[CblasPairCounter.ScratchLength(rows, columns)];

                Count(keys, n, dim, 0, n, degrees, tile, rows, columns, width);

                Assert.True(expected.AsSpan().SequenceEqual(degrees), $"n={n} dim={dim} tile={rows}x{columns} width={width}");
            }
        }
    }

    [BlasFact]
    public void RowRangesOfAPartitionAddUpToTheFullDegrees()
    {
        var random = new Random(7);
        foreach (var n in Sizes)
        {
            foreach (var dim in new[] { 1, 17, 100 })
            {
                var keys = Kernel.PairHarness.IntegerKeys(random, n, dim);
                var expected = Kernel.ReferenceLost.Degrees(keys, n, dim);
                var total = new int[n];
                var tile = new float[CblasPairCounter.TileScratchLength(dim)];
                for (var start = 0; start < n;)
                {
                    // Range lengths straddle the 64-row tile so ranges start mid-block as a scheduler's would.
                    var end = Math.Min(n, start + random.Next(1, 90));
                    var part = new int[n];
                    Count(keys, n, dim, start, end, part, tile);
                    for (var i = 0; i < n; i++)
                    {
                        total[i] += part[i];
                    }

                    start = end;
                }

                Assert.True(expected.AsSpan().SequenceEqual(total), $"n={n} dim={dim}");
            }
        }
    }

    [BlasFact]
    public void ThreadsCountingTheirOwnRowsAgreeWithOneThread()
    {
        // The scheduler's use: concurrent callers into the same BLAS, each with its own degrees and tile.
        const int N = 300, Dim = 100, Threads = 4;
        var keys = Kernel.PairHarness.IntegerKeys(new Random(13), N, Dim);
        var expected = Kernel.ReferenceLost.Degrees(keys, N, Dim);
        var perThread = new int[Threads][];

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            perThread[thread] = new int[N];
            var tile = new float[CblasPairCounter.TileScratchLength(Dim)];
            for (var repeat = 0; repeat < 20; repeat++)
            {
                Array.Clear(perThread[thread]);
                Count(keys, N, Dim, thread * N / Threads, (thread + 1) * N / Threads, perThread[thread], tile);
            }
        });

        var total = new int[N];
        foreach (var degrees in perThread)
        {
            for (var i = 0; i < N; i++)
            {
                total[i] += degrees[i];
            }
        }

        Assert.Equal(expected, total);
    }

    [BlasFact]
    public void DegreesAreAddedToNotOverwritten()
    {
        const int N = 150, Dim = 33;
        var keys = Kernel.PairHarness.IntegerKeys(new Random(3), N, Dim);
        var expected = Kernel.ReferenceLost.Degrees(keys, N, Dim).Select(degree => degree + 1000).ToArray();
        var degrees = Enumerable.Repeat(1000, N).ToArray();

        Count(keys, N, Dim, 0, N, degrees, new float[CblasPairCounter.TileScratchLength(Dim)]);

        Assert.Equal(expected, degrees);
    }

    [BlasFact]
    public void ZeroKeysAndTheDiagonalNeverCount()
    {
        // Every key equal: every off-diagonal pair is positive except those with the zero key, and the
        // diagonal (also positive) must not count.
        const int N = 70, Dim = 3;
        var keys = Enumerable.Repeat(1f, N * Dim).ToArray();
        keys.AsSpan(10 * Dim, Dim).Clear();
        var degrees = new int[N];

        Count(keys, N, Dim, 0, N, degrees, new float[CblasPairCounter.TileScratchLength(Dim)]);

        Assert.Equal(0, degrees[10]);
        Assert.All(degrees.Where((_, i) => i != 10), degree => Assert.Equal(N - 2, degree));
    }

    [BlasFact]
    public void EmptyRangeChangesNothing()
    {
        var keys = Kernel.PairHarness.IntegerKeys(new Random(5), 20, 4);
        var degrees = new int[20];

        Count(keys, 20, 4, 12, 12, degrees, new float[CblasPairCounter.TileScratchLength(4)]);

        Assert.All(degrees, degree => Assert.Equal(0, degree));
    }

    [BlasFact]
    public void SteadyStateAllocatesNothing()
    {
        const int N = 300, Dim = 100;
        var keys = Kernel.PairHarness.IntegerKeys(new Random(11), N, Dim);
        var degrees = new int[N];
        var tile = new float[CblasPairCounter.TileScratchLength(Dim)];
        Count(keys, N, Dim, 0, N, degrees, tile);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var repeat = 0; repeat < 5; repeat++)
        {
            Count(keys, N, Dim, 0, N, degrees, tile);
            Count(keys, N, Dim, 17, 213, degrees, tile);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void BadArgumentsNameTheArgument()
    {
        var keys = new float[10 * 4];
        var degrees = new int[10];
        var tile = new float[CblasPairCounter.TileScratchLength(4)];

        Assert.Equal("tile", Assert.Throws<ArgumentOutOfRangeException>(() => Count(keys, 10, 4, 0, 10, degrees, new float[tile.Length - 1])).ParamName);
        Assert.Equal("rowEnd", Assert.Throws<ArgumentOutOfRangeException>(() => Count(keys, 10, 4, 0, 11, degrees, tile)).ParamName);
        Assert.Equal("rowStart", Assert.Throws<ArgumentOutOfRangeException>(() => Count(keys, 10, 4, 6, 5, degrees, tile)).ParamName);
        Assert.Equal("dim", Assert.Throws<ArgumentOutOfRangeException>(() => Count(keys, 10, 0, 0, 10, degrees, tile)).ParamName);
        Assert.Equal("tileColumns", Assert.Throws<ArgumentOutOfRangeException>(() => Count(keys, 10, 4, 0, 10, degrees, new float[1000], 4, 24)).ParamName);
    }

    private static void Count(float[] keys, int n, int dim, int start, int end, int[] degrees, float[] tile,
        int tileRows = CblasPairCounter.TileRows, int tileColumns = CblasPairCounter.TileColumns, PositiveCountWidth width = PositiveCountWidth.Best)
    {
        fixed (float* k = keys)
        fixed (int* d = degrees)
        {
            var sink = new DegreeSink(d);
            CblasPairCounter.CountRows(k, n, dim, start, end, 0f, d, tile, tileRows, tileColumns, width, ref sink);
        }
    }
}
