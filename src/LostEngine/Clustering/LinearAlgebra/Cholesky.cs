namespace LostEngine.Clustering.LinearAlgebra;

/// <summary>The lower Cholesky factor L of a symmetric positive definite matrix (A = L·Lᵀ), as <c>np.linalg.cholesky</c> returns it.</summary>
internal static class Cholesky
{
    /// <summary>Factors the row-major <paramref name="size"/> × <paramref name="size"/> matrix; null when it is not positive definite.</summary>
    public static double[]? Factor(ReadOnlySpan<double> matrix, int size)
    {
        var lower = new double[size * size];
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = matrix[i * size + j];
                for (int p = 0; p < j; p++)
                {
                    sum -= lower[i * size + p] * lower[j * size + p];
                }
                if (i == j)
                {
                    if (!(sum > 0.0))
                    {
                        return null;
                    }
                    lower[i * size + i] = Math.Sqrt(sum);
                }
                else
                {
                    lower[i * size + j] = sum / lower[j * size + j];
                }
            }
        }
        return lower;
    }
}
