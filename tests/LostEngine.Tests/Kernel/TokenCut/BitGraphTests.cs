using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>A dense boolean matrix and its rows of bits (<see cref="BitGraph"/>'s layout), for the graph tests.</summary>
internal static class DenseBits
{
    public static bool[,] RandomSymmetric(Random random, int n, double density, bool diagonal)
    {
        var b = new bool[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                b[i, j] = b[j, i] = (j > i || diagonal) && random.NextDouble() < density;
            }
        }
        return b;
    }

    public static ulong[] ToBits(bool[,] b)
    {
        int n = b.GetLength(0), words = BitGraph.WordsPerRow(n);
        var bits = new ulong[Math.Max(1, n * words)];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (b[i, j])
                {
                    bits[i * words + (j >> 6)] |= 1UL << (j & 63);
                }
            }
        }
        return bits;
    }

    public static bool Bit(ulong[] bits, int words, int i, int j) => (bits[i * words + (j >> 6)] >> (j & 63) & 1) != 0;

    /// <summary>Asserts the bits hold exactly <paramref name="expected"/>, and nothing at or past column N.</summary>
    public static void Equal(bool[,] expected, ulong[] bits, string what)
    {
        int n = expected.GetLength(0), words = BitGraph.WordsPerRow(n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < words * 64; j++)
            {
                bool bit = Bit(bits, words, i, j);
                if (bit != (j < n && expected[i, j]))
                {
                    Assert.Fail($"{what}: bit ({i}, {j}) is {bit}, n = {n}");
                }
            }
        }
    }
}

/// <summary>The bit graph's helpers against the obvious bit-by-bit computations.</summary>
public unsafe class BitGraphTests
{
    public static TheoryData<int> Sizes => new(1, 2, 3, 63, 64, 65, 127, 128, 129, 200);

    [Fact]
    public void Transpose64_matches_a_bit_by_bit_transpose_and_undoes_itself()
    {
        var random = new Random(1);
        var patterns = new List<ulong[]>
        {
            Enumerable.Range(0, 64).Select(r => 1UL << r).ToArray(),
            Enumerable.Range(0, 64).Select(r => r % 3 == 0 ? ulong.MaxValue : 0).ToArray(),
            Enumerable.Range(0, 64).Select(r => r == 5 ? 1UL << 62 : 0).ToArray(),
        };
        for (int k = 0; k < 20; k++)
        {
            patterns.Add(Enumerable.Range(0, 64).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40)).ToArray());
        }
        foreach (var source in patterns)
        {
            var block = (ulong[])source.Clone();
            fixed (ulong* a = block)
            {
                BitGraph.Transpose64(a);
                for (int r = 0; r < 64; r++)
                {
                    for (int c = 0; c < 64; c++)
                    {
                        Assert.Equal(source[c] >> r & 1, block[r] >> c & 1);
                    }
                }
                BitGraph.Transpose64(a);
            }
            Assert.Equal(source, block);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Symmetrize_mirrors_the_upper_triangle_and_leaves_the_diagonal_and_the_padding_alone(int n)
    {
        var random = new Random(n);
        var full = DenseBits.RandomSymmetric(random, n, 0.4, diagonal: false);
        var upper = new bool[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                upper[i, j] = full[i, j];
            }
        }
        var bits = DenseBits.ToBits(upper);
        fixed (ulong* b = bits)
        {
            BitGraph.Symmetrize(b, n);
        }
        DenseBits.Equal(full, bits, "symmetrized");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Paint_gives_painted_cells_a_zero_keys_row_and_column(int n)
    {
        var random = new Random(100 + n);
        var graph = DenseBits.RandomSymmetric(random, n, 0.5, diagonal: true);
        foreach (double share in new[] { 0, 0.3, 1 })
        {
            var painted = Enumerable.Range(0, n).Select(_ => (byte)(random.NextDouble() < share ? 1 : 0)).ToArray();
            foreach (bool zeroIsEdge in new[] { false, true })
            {
                var expected = new bool[n, n];
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        expected[i, j] = painted[i] != 0 || painted[j] != 0 ? zeroIsEdge : graph[i, j];
                    }
                }
                var bits = DenseBits.ToBits(graph);
                // Scratch longer than a row and dirty: Paint must use only its first words and clear them.
                var columns = Enumerable.Repeat(ulong.MaxValue, BitGraph.WordsPerRow(n) + 3).ToArray();
                fixed (ulong* b = bits)
                {
                    BitGraph.Paint(b, n, painted, zeroIsEdge, columns);
                }
                DenseBits.Equal(expected, bits, $"painted {painted.Count(p => p != 0)} of {n}, zero is an edge: {zeroIsEdge}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Row_counts_equality_and_hashes_read_each_row_alone(int n)
    {
        var random = new Random(200 + n);
        int words = BitGraph.WordsPerRow(n);
        var bits = DenseBits.ToBits(DenseBits.RandomSymmetric(random, n, 0.5, diagonal: true));
        // Every third row a copy of the one before: RowsEqual and RowHash read a row's own words and nothing else.
        for (int i = 1; i < n; i += 3)
        {
            Array.Copy(bits, (i - 1) * words, bits, i * words, words);
        }
        Assert.Equal((long)n * words, BitGraph.Length(n));
        fixed (ulong* b = bits)
        {
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(Enumerable.Range(0, n).Count(j => DenseBits.Bit(bits, words, i, j)), BitGraph.RowCount(b, words, i));
                for (int k = 0; k < i; k++)
                {
                    bool same = Enumerable.Range(0, n).All(j => DenseBits.Bit(bits, words, i, j) == DenseBits.Bit(bits, words, k, j));
                    Assert.Equal(same, BitGraph.RowsEqual(b, words, i, k));
                    Assert.Equal(same, BitGraph.RowHash(b, words, i, 7) == BitGraph.RowHash(b, words, k, 7));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void SetDiagonal_sets_or_clears_one_bit(int n)
    {
        var graph = DenseBits.RandomSymmetric(new Random(300 + n), n, 0.5, diagonal: true);
        var bits = DenseBits.ToBits(graph);
        int words = BitGraph.WordsPerRow(n);
        fixed (ulong* b = bits)
        {
            for (int i = 0; i < n; i++)
            {
                graph[i, i] = !graph[i, i];
                BitGraph.SetDiagonal(b, words, i, graph[i, i]);
                DenseBits.Equal(graph, bits, $"diagonal {i} toggled");
            }
        }
    }
}
