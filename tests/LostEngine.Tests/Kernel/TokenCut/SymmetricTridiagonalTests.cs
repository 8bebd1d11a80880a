using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// The Lanczos solver's small eigenproblem against <see cref="Jacobi"/> on the dense matrix: the eigenvalue counts,
/// the largest eigenvalues, and their eigenvectors, on random tridiagonals with and without zero off-diagonals (a
/// restart splits T into blocks, which may share eigenvalues).
/// </summary>
public class SymmetricTridiagonalTests
{
    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        foreach (int m in new[] { 1, 2, 3, 5, 17, 64, 200 })
        {
            // Every zeroth off-diagonal zero (none), every third, and two equal blocks.
            foreach (int split in new[] { 0, 3, -1 })
            {
                data.Add(m, split);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Counts_largest_eigenvalues_and_eigenvectors_match_the_dense_solution(int m, int split)
    {
        var random = new Random(m * 10 + split);
        var (alpha, beta) = Tridiagonal(random, m, split);
        var dense = new double[m, m];
        for (int i = 0; i < m; i++)
        {
            dense[i, i] = alpha[i];
            if (i + 1 < m)
            {
                dense[i, i + 1] = dense[i + 1, i] = beta[i];
            }
        }
        var system = Jacobi.Solve(dense);
        var descending = system.Values.Reverse().ToArray();
        string shape = $"m = {m}, split {split}";

        foreach (double x in descending.SelectMany(v => new[] { v - 1e-6, v + 1e-6 }).Append(-3).Append(3))
        {
            Assert.Equal(system.Values.Count(v => v < x), SymmetricTridiagonal.CountBelow(alpha, beta, x));
        }

        var z = new double[m];
        var work = new double[5 * m];
        for (int k = 0; k < Math.Min(3, m); k++)
        {
            double theta = SymmetricTridiagonal.Largest(alpha, beta, k);
            NcutAssert.Close(descending[k], theta, 1e-13, $"eigenvalue {k}, {shape}");

            SymmetricTridiagonal.Eigenvector(alpha, beta, theta, z, work);
            Assert.Equal(1, Math.Sqrt(z.Sum(v => v * v)), 12);
            for (int i = 0; i < m; i++)
            {
                double tz = alpha[i] * z[i] + (i > 0 ? beta[i - 1] * z[i - 1] : 0) + (i + 1 < m ? beta[i] * z[i + 1] : 0);
                NcutAssert.Close(theta * z[i], tz, 1e-11, $"(T z)[{i}] for eigenvalue {k}, {shape}");
            }
            // Where the eigenvalue is simple the vector is unique up to its sign: it must be Jacobi's.
            double gap = descending.Where((_, j) => j != k).Select(v => Math.Abs(v - descending[k])).DefaultIfEmpty(double.MaxValue).Min();
            if (gap > 1e-6)
            {
                var expected = system.Vectors[m - 1 - k];
                double sign = Math.Sign(expected.Zip(z, (a, b) => a * b).Sum());
                for (int i = 0; i < m; i++)
                {
                    NcutAssert.Close(expected[i], sign * z[i], 1e-9, $"eigenvector {k}[{i}], gap {gap}, {shape}");
                }
            }
        }
    }

    [Fact]
    public void Normalize_makes_unit_vectors_and_leaves_zero_alone()
    {
        double[] x = [3, -4, 0];
        SymmetricTridiagonal.Normalize(x);
        Assert.Equal([0.6, -0.8, 0], x);
        double[] zero = [0, 0];
        SymmetricTridiagonal.Normalize(zero);
        Assert.Equal([0.0, 0.0], zero);
    }

    /// <summary>Entries in [-1, 1] (the scale of the normalized graph's T); split &gt; 0 zeroes every split-th off-diagonal, -1 makes two equal blocks.</summary>
    private static (double[] Alpha, double[] Beta) Tridiagonal(Random random, int m, int split)
    {
        var alpha = Enumerable.Range(0, m).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        var beta = Enumerable.Range(0, Math.Max(0, m - 1)).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        for (int i = 0; i < beta.Length; i++)
        {
            if (split > 0 && i % split == split - 1)
            {
                beta[i] = 0;
            }
        }
        if (split < 0 && m >= 2)
        {
            int half = m / 2;
            beta[half - 1] = 0;
            for (int i = 0; i < half; i++)
            {
                alpha[half + i] = alpha[i];
                if (i + 1 < half)
                {
                    beta[half + i] = beta[i];
                }
            }
        }
        return (alpha, beta);
    }
}
