namespace LostEngine.Kernel;

/// <summary>
/// The small eigenproblem inside the Lanczos solver: a symmetric tridiagonal T (diagonal <c>alpha</c>, off-diagonal
/// <c>beta</c>, m ≤ a few hundred) of which only the two largest eigenpairs are needed, at every step. Eigenvalues
/// come from Sturm-sequence bisection (O(m) a probe, to full precision, and blind to how close they are), vectors
/// from inverse iteration with a pivoted LU of T − θI. A zero off-diagonal (a Lanczos restart) simply splits T.
/// </summary>
internal static class SymmetricTridiagonal
{
    /// <summary>How many eigenvalues of T are below <paramref name="x"/> (Sylvester's inertia of T − xI).</summary>
    public static int CountBelow(ReadOnlySpan<double> alpha, ReadOnlySpan<double> beta, double x)
    {
        int count = 0;
        double q = 1;
        for (int i = 0; i < alpha.Length; i++)
        {
            double b2 = i == 0 ? 0 : beta[i - 1] * beta[i - 1];
            q = alpha[i] - x - (b2 == 0 ? 0 : b2 / q);
            if (q == 0)
            {
                // A zero pivot: perturb it, as LAPACK's dstebz does, so the count stays a count of T − (x + tiny)I.
                q = -1e-300;
            }
            if (q < 0)
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>The (<paramref name="k"/>+1)-th largest eigenvalue (k = 0: the largest), by bisection to full precision.</summary>
    public static double Largest(ReadOnlySpan<double> alpha, ReadOnlySpan<double> beta, int k)
    {
        int m = alpha.Length;
        double lo = double.MaxValue, hi = double.MinValue;
        for (int i = 0; i < m; i++)
        {
            double radius = (i > 0 ? Math.Abs(beta[i - 1]) : 0) + (i < m - 1 ? Math.Abs(beta[i]) : 0);
            lo = Math.Min(lo, alpha[i] - radius);
            hi = Math.Max(hi, alpha[i] + radius);
        }
        double pad = 1e-12 * Math.Max(1, Math.Max(Math.Abs(lo), Math.Abs(hi)));
        lo -= pad;
        hi += pad;
        // Invariant: at least k + 1 eigenvalues are ≥ lo, at most k are ≥ hi.
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi)
            {
                break;
            }
            if (m - CountBelow(alpha, beta, mid) >= k + 1)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>
    /// A unit eigenvector of T for the eigenvalue <paramref name="theta"/>: two steps of inverse iteration from a
    /// fixed start. <paramref name="work"/> needs 5·m values.
    /// </summary>
    public static void Eigenvector(ReadOnlySpan<double> alpha, ReadOnlySpan<double> beta, double theta, Span<double> z, Span<double> work)
    {
        int m = alpha.Length;
        z = z[..m];
        var d = work[..m];
        var du = work.Slice(m, m);
        var dl = work.Slice(2 * m, m);
        var du2 = work.Slice(3 * m, m);
        var swapped = work.Slice(4 * m, m);
        Factor(alpha, beta, theta, d, du, dl, du2, swapped);
        // Alternating signs of slowly varying size: no structure of T makes this orthogonal to an eigenvector.
        for (int i = 0; i < m; i++)
        {
            z[i] = (i % 2 == 0 ? 1.0 : -1.0) * (1.0 + 0.5 * Math.Sin(i + 1));
        }
        for (int step = 0; step < 2; step++)
        {
            Solve(d, du, dl, du2, swapped, z);
            Normalize(z);
        }
    }

    /// <summary>x ← x / ‖x‖ (unchanged when zero).</summary>
    public static void Normalize(Span<double> x)
    {
        double norm = 0;
        foreach (double v in x)
        {
            norm += v * v;
        }
        norm = Math.Sqrt(norm);
        if (norm > 0)
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] /= norm;
            }
        }
    }

    // LU of T − θI with partial pivoting (LAPACK's dgttrf): U has two superdiagonals (du, du2), L's multipliers
    // are in dl, and swapped[i] = 1 where rows i and i + 1 were exchanged. Zero pivots become tiny, as inverse
    // iteration wants: the solve then blows up along the eigenvector, which is the point.
    private static void Factor(ReadOnlySpan<double> alpha, ReadOnlySpan<double> beta, double theta,
        Span<double> d, Span<double> du, Span<double> dl, Span<double> du2, Span<double> swapped)
    {
        int m = alpha.Length;
        for (int i = 0; i < m; i++)
        {
            d[i] = alpha[i] - theta;
            du[i] = i < m - 1 ? beta[i] : 0;
            dl[i] = i < m - 1 ? beta[i] : 0;
            du2[i] = 0;
            swapped[i] = 0;
        }
        // The entries of T are eigenvalue-sized (|T| ≤ 1 for the normalized graph), so 1e-20 is rounding noise
        // there, and small enough that the solve stays far from overflow.
        const double tiny = 1e-20;
        for (int i = 0; i < m - 1; i++)
        {
            if (Math.Abs(d[i]) >= Math.Abs(dl[i]))
            {
                if (Math.Abs(d[i]) < tiny)
                {
                    d[i] = d[i] < 0 ? -tiny : tiny;
                }
                double factor = dl[i] / d[i];
                dl[i] = factor;
                d[i + 1] -= factor * du[i];
            }
            else
            {
                double factor = d[i] / dl[i];
                d[i] = dl[i];
                dl[i] = factor;
                double temp = du[i];
                du[i] = d[i + 1];
                d[i + 1] = temp - factor * d[i + 1];
                if (i < m - 2)
                {
                    du2[i] = du[i + 1];
                    du[i + 1] = -factor * du[i + 1];
                }
                swapped[i] = 1;
            }
        }
        for (int i = 0; i < m; i++)
        {
            if (Math.Abs(d[i]) < tiny)
            {
                d[i] = d[i] < 0 ? -tiny : tiny;
            }
        }
    }

    private static void Solve(Span<double> d, Span<double> du, Span<double> dl, Span<double> du2, Span<double> swapped, Span<double> b)
    {
        int m = d.Length;
        for (int i = 0; i < m - 1; i++)
        {
            if (swapped[i] == 0)
            {
                b[i + 1] -= dl[i] * b[i];
            }
            else
            {
                double temp = b[i];
                b[i] = b[i + 1];
                b[i + 1] = temp - dl[i] * b[i];
            }
        }
        b[m - 1] /= d[m - 1];
        if (m > 1)
        {
            b[m - 2] = (b[m - 2] - du[m - 2] * b[m - 1]) / d[m - 2];
        }
        for (int i = m - 3; i >= 0; i--)
        {
            b[i] = (b[i] - du[i] * b[i + 1] - du2[i] * b[i + 2]) / d[i];
        }
        // A huge solution is scaled down before the next step, so repeated steps never overflow.
        double largest = 0;
        foreach (double v in b)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }
        if (largest > 1e150)
        {
            for (int i = 0; i < m; i++)
            {
                b[i] /= largest;
            }
        }
    }
}
