namespace LostEngine.Clustering.LinearAlgebra;

/// <summary>
/// Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations: slow for large
/// matrices, but accurate and simple, and the matrices here are Gram matrices of at most a few hundred rows.
/// </summary>
internal static class SymmetricEigen
{
    private const int MaxSweeps = 100;

    /// <summary>
    /// Decomposes the row-major <paramref name="size"/> × <paramref name="size"/> symmetric matrix. Returns the
    /// eigenvalues in decreasing order and the eigenvectors as the rows of a row-major matrix, in the same order.
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(ReadOnlySpan<double> matrix, int size)
    {
        double[] a = matrix.ToArray();
        var v = new double[size * size];
        for (int i = 0; i < size; i++)
        {
            v[i * size + i] = 1.0;
        }
        for (int sweep = 0; sweep < MaxSweeps && OffDiagonal(a, size) > 0.0; sweep++)
        {
            for (int p = 0; p < size - 1; p++)
            {
                for (int q = p + 1; q < size; q++)
                {
                    Rotate(a, v, size, p, q);
                }
            }
        }
        var order = Enumerable.Range(0, size).OrderByDescending(i => a[i * size + i]).ThenBy(i => i).ToArray();
        var values = new double[size];
        var vectors = new double[size * size];
        for (int r = 0; r < size; r++)
        {
            int column = order[r];
            values[r] = a[column * size + column];
            for (int i = 0; i < size; i++)
            {
                vectors[r * size + i] = v[i * size + column];
            }
        }
        return (values, vectors);
    }

    private static double OffDiagonal(double[] a, int size)
    {
        double sum = 0.0;
        double diagonal = 0.0;
        for (int i = 0; i < size; i++)
        {
            diagonal += a[i * size + i] * a[i * size + i];
            for (int j = i + 1; j < size; j++)
            {
                sum += a[i * size + j] * a[i * size + j];
            }
        }
        // Below this the rotations only move rounding noise around.
        return sum > 1e-30 * diagonal ? sum : 0.0;
    }

    private static void Rotate(double[] a, double[] v, int size, int p, int q)
    {
        double apq = a[p * size + q];
        if (apq == 0.0)
        {
            return;
        }
        double theta = (a[q * size + q] - a[p * size + p]) / (2.0 * apq);
        double t = Math.Sign(theta) == 0 ? 1.0 : Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1.0));
        double c = 1.0 / Math.Sqrt(t * t + 1.0);
        double s = t * c;
        for (int k = 0; k < size; k++)
        {
            double akp = a[k * size + p];
            double akq = a[k * size + q];
            a[k * size + p] = c * akp - s * akq;
            a[k * size + q] = s * akp + c * akq;
        }
        for (int k = 0; k < size; k++)
        {
            double apk = a[p * size + k];
            double aqk = a[q * size + k];
            a[p * size + k] = c * apk - s * aqk;
            a[q * size + k] = s * apk + c * aqk;
        }
        for (int k = 0; k < size; k++)
        {
            double vkp = v[k * size + p];
            double vkq = v[k * size + q];
            v[k * size + p] = c * vkp - s * vkq;
            v[k * size + q] = s * vkp + c * vkq;
        }
    }
}
