namespace LostEngine.Tests.Kernel;

/// <summary>Every eigenpair of a symmetric matrix: <c>Values</c> ascending, <c>Vectors[k]</c> the unit eigenvector of <c>Values[k]</c>.</summary>
internal sealed record Eigensystem(double[] Values, double[][] Vectors);

/// <summary>
/// The textbook cyclic Jacobi method for a dense symmetric matrix, written here so the tests' eigenpairs owe nothing
/// to the library's Lanczos solver: sweep over every pair (p, q), rotate a_pq to zero, accumulate the rotations,
/// until the off-diagonal mass is gone. O(n³) a sweep and about ten sweeps; accurate to a few ulps of the norm.
/// </summary>
internal static class Jacobi
{
    private const int MaxSweeps = 60;
    [ThreadStatic] public static int Sweeps;

    public static Eigensystem Solve(double[,] matrix)
    {
        int n = matrix.GetLength(0);
        var a = new double[n * n];
        var v = new double[n * n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            v[i * n + i] = 1;
            for (int j = 0; j < n; j++)
            {
                a[i * n + j] = matrix[i, j];
                total += matrix[i, j] * matrix[i, j];
            }
        }
        int sweepsDone = 0;
        for (int sweep = 0; sweep < MaxSweeps && OffDiagonal(a, n) > 1e-32 * total; sweep++)
        {
            sweepsDone++;
            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    Rotate(a, v, n, p, q, sweep);
                }
            }
        }
        Sweeps = sweepsDone;
        var order = Enumerable.Range(0, n).OrderBy(k => a[k * n + k]).ToArray();
        return new Eigensystem(
            order.Select(k => a[k * n + k]).ToArray(),
            order.Select(k => v.AsSpan(k * n, n).ToArray()).ToArray());
    }

    private static double OffDiagonal(double[] a, int n)
    {
        double sum = 0;
        for (int p = 0; p < n; p++)
        {
            for (int q = p + 1; q < n; q++)
            {
                sum += 2 * a[p * n + q] * a[p * n + q];
            }
        }
        return sum;
    }

    // Zeroes a_pq by A ← JᵀAJ with J = I but J_pp = J_qq = c, J_pq = s, J_qp = −s (Numerical Recipes §11.1); the
    // rows of v are the columns of the accumulated rotation, so each row ends as an eigenvector.
    private static unsafe void Rotate(double[] matrix, double[] vectors, int n, int p, int q, int sweep)
    {
        fixed (double* a = matrix, v = vectors)
        {
            double apq = a[p * n + q];
            double app = a[p * n + p], aqq = a[q * n + q];
            // After a few sweeps, an entry below rounding of both diagonal entries is rounding itself.
            if (apq == 0 || (sweep > 3 && Math.Abs(app) + 100 * Math.Abs(apq) == Math.Abs(app) && Math.Abs(aqq) + 100 * Math.Abs(apq) == Math.Abs(aqq)))
            {
                a[p * n + q] = a[q * n + p] = 0;
                return;
            }
            double theta = (aqq - app) / (2 * apq);
            double t = (theta >= 0 ? 1 : -1) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
            double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
            double* rowP = a + p * n, rowQ = a + q * n;
            for (int k = 0; k < n; k++)
            {
                // Row k's entries p and q, mirrored into rows p and q (the 2 × 2 block is set below).
                double akp = rowP[k], akq = rowQ[k];
                double newKp = c * akp - s * akq, newKq = s * akp + c * akq;
                a[k * n + p] = rowP[k] = newKp;
                a[k * n + q] = rowQ[k] = newKq;
            }
            rowP[p] = app - t * apq;
            rowQ[q] = aqq + t * apq;
            rowP[q] = rowQ[p] = 0;
            double* vp = v + p * n, vq = v + q * n;
            for (int k = 0; k < n; k++)
            {
                double x = vp[k], y = vq[k];
                vp[k] = c * x - s * y;
                vq[k] = s * x + c * y;
            }
        }
    }
}
