namespace LostEngine.Kernel;

/// <summary>How a normalized-cut solve ended.</summary>
internal enum FiedlerStatus
{
    /// <summary>The second eigenvector is in the output.</summary>
    Solved,

    /// <summary>λ₂ and λ₃ are equal within rounding: no second eigenvector is defined.</summary>
    NoClearCut,
}

/// <summary>The outcome of <see cref="FiedlerSolver.Solve"/>: μ₂ and μ₃ are eigenvalues of D^-½ A D^-½ (λ = 1 − μ).</summary>
internal readonly record struct FiedlerOutcome(FiedlerStatus Status, double Mu2, double Mu3, int Products)
{
    public NcutSpectrum Spectrum => new(1 - Mu2, 1 - Mu3, Products);
}

/// <summary>
/// The second eigenvector of the generalized problem <c>(D − A) x = λ D x</c> (ncut-spec §1.4), as the eigenvector
/// <c>y = D^½ x</c> of the second largest eigenvalue μ₂ = 1 − λ₂ of <c>M = D^-½ A D^-½</c>, by Lanczos in float64
/// with full reorthogonalisation, the known top eigenvector <c>y₁ ∝ D^½ 1</c> deflated, and products with the
/// bit graph (<see cref="NormalizedGraph"/>) instead of a dense matrix.
/// <list type="bullet">
/// <item>Start vectors are drawn from a hash of each patch's bit row, so patches with identical rows (structurally
/// equal: the same neighbours) get equal values; M maps such vectors to such vectors, and every product, dot and
/// update treats equal rows alike, so their eigenvector entries come out equal to the last bit and the seed's
/// lowest-index tie rule is exact. The one part of the spectrum this cannot reach is known in closed form: a vector
/// that sums to zero over a set of identical rows is mapped to 0, so each duplicate row adds an eigenvalue 0.</item>
/// <item>A breakdown (an invariant subspace) restarts from a new hashed vector orthogonal to all before it; when
/// none is left, every eigenvalue of the reachable part is known exactly.</item>
/// <item>The Ritz pairs are checked every step from the tridiagonal alone (<see cref="SymmetricTridiagonal"/>):
/// μ₂'s residual must be small against its gap (so the vector, not just the value, is right) and μ₃'s small
/// enough for the reported gap. Measured on the reference cases and on structured keys at N = 1200–4800, this
/// takes 2–50 products; unstructured noise takes about 100.</item>
/// </list>
/// </summary>
internal sealed unsafe class FiedlerSolver
{
    /// <summary>Lanczos vectors kept before an explicit restart.</summary>
    public const int MaxBasis = 256;

    /// <summary>λ₃ − λ₂ at or below this is "equal within rounding" (ncut-spec §1.10).</summary>
    public const double DegenerateGap = 1e-10;

    // μ₂'s residual must be below this fraction of its gap (the eigenvector's angle error is residual / gap),
    // or below the float64 floor of the products, whichever is larger. The ties the seed and the partition break
    // at 1e-9 need the vector that accurate; 1e-6 would save only 9 % of the products on smooth keys.
    private const double VectorTolerance = 1e-8;
    private const double ResidualFloor = 1e-13;

    // μ₃ only feeds the reported gap: its value's error is about residual² / (its own gap), 1e-10 / gap here.
    // Tightening it to 1e-7 took 6 % more products on 200 smooth-key cases and changed no result.
    private const double ValueTolerance = 1e-5;

    // A new Lanczos direction shorter than this (relative) is an invariant subspace, not a direction.
    private const double BreakdownTolerance = 1e-10;

    private const int MaxRestarts = 8;

    private const int CheckEveryStepUntil = 24;

    private readonly int _maxBasis;
    private readonly double[] _basis;
    private readonly double[] _alpha = new double[MaxBasis];
    private readonly double[] _beta = new double[MaxBasis];
    private readonly double[] _s1 = new double[MaxBasis];
    private readonly double[] _s2 = new double[MaxBasis];
    private readonly double[] _sLast = new double[MaxBasis];
    private readonly double[] _triWork = new double[5 * MaxBasis];
    private readonly double[] _top;
    private readonly double[] _w;
    private readonly double[] _scratch;
    private readonly double[] _reflectors;
    private readonly double[] _taus = new double[MaxBasis];
    private readonly double[] _signs = new double[MaxBasis + 1];
    private readonly double[] _projections = new double[MaxBasis + 1];
    private readonly double[] _residual;
    private readonly double[] _coordinate;

    /// <summary>A solver for graphs of up to <paramref name="maxPatches"/> patches, keeping up to <paramref name="maxBasis"/> Lanczos vectors.</summary>
    public FiedlerSolver(int maxPatches, int maxBasis = MaxBasis)
    {
        _maxBasis = maxBasis;
        int vectors = Math.Min(maxBasis, maxPatches);
        _basis = GC.AllocateUninitializedArray<double>(checked(vectors * maxPatches), pinned: true);
        _top = GC.AllocateUninitializedArray<double>(maxPatches, pinned: true);
        _w = GC.AllocateUninitializedArray<double>(maxPatches, pinned: true);
        _scratch = GC.AllocateUninitializedArray<double>(NormalizedGraph.ScratchLength(maxPatches), pinned: true);
        _reflectors = GC.AllocateUninitializedArray<double>(checked(vectors * maxPatches));
        _residual = new double[maxPatches];
        _coordinate = new double[maxPatches];
    }

    /// <summary>
    /// Solves for <paramref name="graph"/> with degrees <paramref name="degrees"/> (D^-½ in <paramref name="invSqrt"/>);
    /// on <see cref="FiedlerStatus.Solved"/> writes x (xᵀDx = 1, sign arbitrary) to <paramref name="x"/>.
    /// <paramref name="repeats"/> says how many bit rows repeat (N minus the number of distinct rows).
    /// </summary>
    public FiedlerOutcome Solve(in NormalizedGraph graph, ReadOnlySpan<double> degrees, ReadOnlySpan<double> invSqrt,
        ReadOnlySpan<ulong> rowHashes, in GraphRepeats repeats, Span<double> x)
    {
        int n = graph.N;
        var width = graph.Width;
        int duplicateRows = repeats.DuplicateRows;
        int capacity = Math.Min(_maxBasis, n);
        var top = _top.AsSpan(0, n);
        double norm = 0;
        for (int i = 0; i < n; i++)
        {
            top[i] = Math.Sqrt(degrees[i]);
            norm += degrees[i];
        }
        DoubleVectorMath.Scale(top, 1 / Math.Sqrt(norm));

        int products = 0;
        int restarts = 0;
        int startIndex = 0;
        bool fromRitz = false;
        while (true)
        {
            // One Lanczos run: k vectors, split into blocks by breakdowns, the newest starting at blockStart.
            int k = 0;
            int blockStart = 0;
            bool splits = false;
            bool exhausted = !NewDirection(rowHashes, fromRitz ? -1 : startIndex++, n, 0, width);
            bool restart = false;
            Ritz ritz = default;
            while (!exhausted)
            {
                var q = Vector(k, n);
                fixed (double* qp = q)
                fixed (double* wp = _w)
                fixed (double* sp = _scratch)
                {
                    graph.Multiply(qp, wp, sp);
                }
                products++;
                var w = _w.AsSpan(0, n);
                double alpha = DoubleVectorMath.Dot(q, w, width);
                DoubleVectorMath.AddScaled(w, -alpha, q, width);
                if (k > blockStart)
                {
                    DoubleVectorMath.AddScaled(w, -_beta[k - 1], Vector(k - 1, n), width);
                }
                double beta = Reorthogonalize(w, k + 1, n, width);
                _alpha[k] = alpha;
                k++;

                // The check costs O(k) a bisection probe; past the first steps, every third step is often enough,
                // as residuals fall geometrically: at most two products are wasted, while on a hundred-step solve
                // two thirds of the checks are saved.
                bool last = beta <= BreakdownTolerance || k == n - 1 || k == capacity;
                if (k < CheckEveryStepUntil || k % 3 == 0 || last)
                {
                    ritz = Examine(k, blockStart, splits, beta, duplicateRows);
                    if (ritz.Converged)
                    {
                        break;
                    }
                }
                // An invariant subspace, or the whole space orthogonal to y₁ is spanned: continue from a new
                // direction orthogonal to everything so far if any is left; otherwise every reachable eigenvalue
                // is known exactly.
                if (beta <= BreakdownTolerance || k == n - 1)
                {
                    _beta[k - 1] = 0;
                    if (k < capacity && NewDirection(rowHashes, startIndex++, n, k, width))
                    {
                        blockStart = k;
                        splits = true;
                        continue;
                    }
                    if (k == capacity && k < n - 1)
                    {
                        restart = true;
                        break;
                    }
                    ritz = Examine(k, blockStart, splits, 0, duplicateRows);
                    exhausted = true;
                    break;
                }
                if (k == capacity)
                {
                    restart = true;
                    break;
                }
                _beta[k - 1] = beta;
                var next = Vector(k, n);
                w.CopyTo(next);
                DoubleVectorMath.Scale(next, 1 / beta);
            }

            if (exhausted && k == 0)
            {
                ritz = Examine(0, 0, false, 0, duplicateRows);
            }
            if (!restart)
            {
                return Finish(ritz, k, n, invSqrt, repeats.First, repeats.Second, products, width, x);
            }
            if (++restarts > MaxRestarts)
            {
                // Not converged after thousands of products: μ₂ and μ₃ are so close that no cut is well defined.
                return new FiedlerOutcome(FiedlerStatus.NoClearCut, ritz.Mu2, ritz.Mu3, products);
            }
            // The basis is full: start again from the two leading Ritz vectors together, keeping what they learnt.
            var first = _w.AsSpan(0, n);
            // Not _top: it holds y₁, which the restarted run must still deflate.
            var second = _residual.AsSpan(0, n);
            Combine(_s1, k, n, first, width);
            Combine(_s2, k, n, second, width);
            DoubleVectorMath.AddScaled(first, 1, second, width);
            first.CopyTo(Vector(0, n));
            fromRitz = true;
        }
    }

    /// <summary>
    /// The sign LAPACK would give the solved x (see <see cref="LapackSignReplay"/>): +1 to keep it, -1 to negate it,
    /// 0 when that cannot be told. Uses the basis, so call it after <see cref="Solve"/> is done with it.
    /// </summary>
    public int ReferenceSign(in NormalizedGraph graph, ReadOnlySpan<double> degrees, ReadOnlySpan<double> x, out int products)
    {
        int n = graph.N;
        var width = graph.Width;
        var y = _top.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            y[i] = x[i] * Math.Sqrt(degrees[i]);
        }
        DoubleVectorMath.Scale(y, 1 / Math.Sqrt(DoubleVectorMath.Dot(y, y, width)));
        int capacity = Math.Min(_maxBasis, n);
        return LapackSignReplay.Replay(graph, y, capacity, _basis, _reflectors, _taus, _signs, _projections,
            _residual, _coordinate, _w, _scratch, out products);
    }

    private Span<double> Vector(int k, int n) => _basis.AsSpan(k * n, n);

    /// <summary>
    /// Writes basis vector <paramref name="k"/>: a hashed, class-constant vector orthogonal to y₁ and to the first
    /// k basis vectors; false when nothing of it is left (the reachable space is exhausted).
    /// </summary>
    private bool NewDirection(ReadOnlySpan<ulong> rowHashes, int index, int n, int k, KernelWidth width)
    {
        var v = Vector(k, n);
        if (index >= 0)
        {
            ulong salt = (ulong)index * 0xD1B5_4A32_D192_ED03UL;
            for (int i = 0; i < n; i++)
            {
                // The top 53 bits as a double in [0, 1), centred.
                v[i] = (BitGraph.Mix(rowHashes[i] ^ salt) >> 11) * (1.0 / (1UL << 53)) - 0.5;
            }
        }
        double before = Math.Sqrt(DoubleVectorMath.Dot(v, v, width));
        double after = Reorthogonalize(v, k, n, width);
        if (!(after > 1e-8 * before))
        {
            return false;
        }
        DoubleVectorMath.Scale(v, 1 / after);
        return true;
    }

    /// <summary>
    /// Gram–Schmidt against y₁ and the first <paramref name="count"/> vectors, and again only when the first pass
    /// removed most of w (its norm fell below 1/√2 of what it was: Daniel, Gragg, Kaufman and Stewart's test), when
    /// rounding may have left w short of orthogonal. Returns ‖w‖.
    /// </summary>
    private double Reorthogonalize(Span<double> w, int count, int n, KernelWidth width)
    {
        double norm = Math.Sqrt(DoubleVectorMath.Dot(w, w, width));
        for (int pass = 0; pass < 2; pass++)
        {
            var top = _top.AsSpan(0, n);
            DoubleVectorMath.AddScaled(w, -DoubleVectorMath.Dot(top, w, width), top, width);
            for (int j = 0; j < count; j++)
            {
                var v = Vector(j, n);
                DoubleVectorMath.AddScaled(w, -DoubleVectorMath.Dot(v, w, width), v, width);
            }
            double after = Math.Sqrt(DoubleVectorMath.Dot(w, w, width));
            if (after >= Math.Sqrt(0.5) * norm)
            {
                return after;
            }
            norm = after;
        }
        return norm;
    }

    /// <summary>The two leading Ritz pairs of T (and the last block's leading one) and whether they have converged.</summary>
    private Ritz Examine(int k, int blockStart, bool splits, double lastBeta, int duplicateRows)
    {
        double theta1 = double.NegativeInfinity, theta2 = double.NegativeInfinity;
        double residual1 = 0, residual2 = 0;
        var alpha = _alpha.AsSpan(0, k);
        var beta = _beta.AsSpan(0, Math.Max(0, k - 1));
        if (k >= 1)
        {
            theta1 = SymmetricTridiagonal.Largest(alpha, beta, 0);
            SymmetricTridiagonal.Eigenvector(alpha, beta, theta1, _s1, _triWork);
            residual1 = Math.Abs(lastBeta * _s1[k - 1]);
        }
        if (k >= 2)
        {
            theta2 = SymmetricTridiagonal.Largest(alpha, beta, 1);
            SymmetricTridiagonal.Eigenvector(alpha, beta, theta2, _s2, _triWork);
            // Two inverse iterations at close shifts can land on the same vector: keep s2 orthogonal to s1.
            double overlap = 0;
            for (int i = 0; i < k; i++)
            {
                overlap += _s1[i] * _s2[i];
            }
            for (int i = 0; i < k; i++)
            {
                _s2[i] -= overlap * _s1[i];
            }
            SymmetricTridiagonal.Normalize(_s2.AsSpan(0, k));
            residual2 = Math.Abs(lastBeta * _s2[k - 1]);
        }

        // The eigenvalues known in closed form: one 0 per duplicate row.
        var (mu2, mu3, fromZero) = Leading(theta1, theta2, duplicateRows);
        bool vectorDone, thirdDone;
        if (fromZero)
        {
            // μ₂ = 0 is exact; μ₃ is 0 too (two or more duplicates) or θ₁.
            vectorDone = true;
            thirdDone = duplicateRows >= 2 || k == 0 || residual1 <= ValueTolerance;
        }
        else
        {
            vectorDone = residual1 <= Math.Max(ResidualFloor, VectorTolerance * (mu2 - mu3));
            thirdDone = k < 2 || residual2 <= ValueTolerance || (duplicateRows > 0 && theta2 < 0);
        }
        bool lastBlockDone = true;
        if (splits && k - blockStart >= 1)
        {
            // After a restart, the newest block stands for the part of the spectrum not yet seen: until its own
            // leading value has converged, something above μ₃ may still be hiding there.
            var blockAlpha = alpha[blockStart..];
            var blockBeta = beta[blockStart..];
            double thetaLast = SymmetricTridiagonal.Largest(blockAlpha, blockBeta, 0);
            SymmetricTridiagonal.Eigenvector(blockAlpha, blockBeta, thetaLast, _sLast, _triWork);
            lastBlockDone = Math.Abs(lastBeta * _sLast[k - blockStart - 1]) <= ValueTolerance;
        }
        bool enough = k >= 2 || lastBeta == 0;
        return new Ritz(mu2, mu3, fromZero, enough && vectorDone && thirdDone && lastBlockDone);
    }

    /// <summary>μ₂ ≥ μ₃: the two largest of θ₁, θ₂ and the duplicates' zeros; and whether μ₂ is one of those zeros.</summary>
    private static (double Mu2, double Mu3, bool FromZero) Leading(double theta1, double theta2, int duplicateRows)
    {
        if (duplicateRows == 0)
        {
            return (theta1, theta2, false);
        }
        if (theta1 > 0)
        {
            return (theta1, Math.Max(theta2, 0), false);
        }
        return (0, duplicateRows >= 2 ? 0 : theta1, true);
    }

    private FiedlerOutcome Finish(Ritz ritz, int k, int n, ReadOnlySpan<double> invSqrt, int firstDuplicate, int secondDuplicate,
        int products, KernelWidth width, Span<double> x)
    {
        double mu2 = ritz.Mu2, mu3 = ritz.Mu3;
        if (double.IsNegativeInfinity(mu2))
        {
            // Nothing but y₁ is reachable and no row repeats: cannot happen for N ≥ 3, kept as a safe answer.
            return new FiedlerOutcome(FiedlerStatus.NoClearCut, 0, 0, products);
        }
        if (double.IsNegativeInfinity(mu3) || mu2 - mu3 <= DegenerateGap)
        {
            return new FiedlerOutcome(FiedlerStatus.NoClearCut, mu2, double.IsNegativeInfinity(mu3) ? mu2 : mu3, products);
        }
        var y = x[..n];
        if (ritz.FromZero)
        {
            // μ₂ = 0 from the one pair of equal rows: y is their difference.
            y.Clear();
            y[firstDuplicate] = Math.Sqrt(0.5);
            y[secondDuplicate] = -Math.Sqrt(0.5);
        }
        else
        {
            Combine(_s1, k, n, y, width);
            DoubleVectorMath.Scale(y, 1 / Math.Sqrt(DoubleVectorMath.Dot(y, y, width)));
        }
        for (int i = 0; i < n; i++)
        {
            y[i] *= invSqrt[i];
        }
        return new FiedlerOutcome(FiedlerStatus.Solved, mu2, mu3, products);
    }

    /// <summary>target = Σ_j s_j · v_j over the first k basis vectors.</summary>
    private void Combine(double[] s, int k, int n, Span<double> target, KernelWidth width)
    {
        target.Clear();
        for (int j = 0; j < k; j++)
        {
            DoubleVectorMath.AddScaled(target, s[j], Vector(j, n), width);
        }
    }

    private readonly record struct Ritz(double Mu2, double Mu3, bool FromZero, bool Converged);
}
