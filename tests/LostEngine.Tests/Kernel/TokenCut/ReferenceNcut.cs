using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// One normalized cut of a dense graph, oriented by the method that made it (ncut-spec §1.4–1.7, §2.2–2.4):
/// the degrees, λ₂ and λ₃, x (xᵀDx = 1) after the method's flip, the partition, every index that ties for the seed
/// and the lowest of them, and why the case is too close to call (null when it is not).
/// </summary>
internal sealed record ReferenceCut(
    double[] Degrees, double Lambda2, double Lambda3, double[] X, bool[] Partition, int[] SeedCandidates, int Seed, string? Ambiguity)
{
    public int N => X.Length;
}

/// <summary>TokenCut the slow way (ncut-spec §1): the cut, the seed's component and its box.</summary>
internal sealed record ReferenceTokenCut(ReferenceCut Cut, bool[] Component, CellBox Cells, PixelBox Box);

/// <summary>One MaskCut round (ncut-spec §2): its cut, the seed's component as the mask, and what the drop rule made of it.</summary>
/// <param name="SignDecides">The seed's side held three or more corners, so the eigenvector's sign decided the round.</param>
internal sealed record ReferenceRound(int Round, ReferenceCut Cut, bool[] Mask, bool Dropped, bool SignDecides);

/// <summary>One MaskCut object: its round, its cells (the round's mask less earlier objects) and its boxes.</summary>
internal sealed record ReferenceObject(int Round, bool[] Cells, CellBox BoxPatches, PixelBox Box);

/// <summary>
/// MaskCut the slow way: the rounds it could decide (it stops at the first that is too close to call, or whose
/// outcome the eigenvector's sign decides and nobody chose a side), the objects of those rounds, and why it stopped.
/// </summary>
internal sealed record ReferenceMaskCut(IReadOnlyList<ReferenceRound> Rounds, IReadOnlyList<ReferenceObject> Objects, string? StoppedBecause);

/// <summary>
/// TokenCut and MaskCut written from ncut-spec alone, in float64 and dense, independent of the library: keys
/// normalized in double, every similarity, A = 1 above tau and eps elsewhere as a dense matrix, the degrees,
/// <c>C = D^-½ (D − A) D^-½</c> solved for every eigenpair by <see cref="Jacobi"/>, then x = D^-½ v₂ and the spec's
/// partition, seed, orientation, component and box. MaskCut paints by zeroing the painted keys and rebuilding the whole
/// graph every round, as the spec words it (the library paints its bit graph instead).
/// <para>
/// A case is "too close to call" when float32 rounding (the library's, or the official float32 code's) could
/// legitimately change the answer: λ₃ − λ₂ below <see cref="MinimumGap"/>, an entry of x within
/// <see cref="DecisionMargin"/> (relative to the largest) of the mean, or of the seed's value without tying with it.
/// The properties skip such cases and count them, so a filter that rejects most cases fails the property.
/// </para>
/// </summary>
internal static class ReferenceNcut
{
    /// <summary>
    /// Below this gap the library's single-vector Lanczos may legitimately miss an exact (or rounding-close) double
    /// μ₂: it only resolves multiplicities it knows in closed form (identical bit rows, invariant-subspace breakdowns),
    /// and a Krylov space sees one vector of any other eigenspace. Reported-degenerate is ≤ 1e-10; in between, the
    /// eigenvector is too ill-determined (error ≈ residual / gap) to compare within 1e-6.
    /// </summary>
    public const double MinimumGap = 1e-6;

    /// <summary>Entries this close (relative to the largest |x|) tie for the seed, as the spec says.</summary>
    public const double TieTolerance = 1e-9;

    /// <summary>Decisions (x_i against the mean, or against the seed's value) closer than this, relative to the largest |x|, are rounding's.</summary>
    public const double DecisionMargin = 1e-6;

    public static ReferenceTokenCut? TokenCut(float[] keys, int dim, in TokenCutParameters p)
    {
        var grid = p.Grid;
        int n = grid.PatchCount;
        if (n < 3)
        {
            return null;
        }
        var (degrees, lambda2, lambda3, x) = Solve(Graph(Normalize(keys, n, dim), n, dim, p.Tau, p.Eps));
        var partition = Above(x, Mean(x));
        var candidates = Ties(x, Math.Abs);
        int seed = candidates[0];
        if (!partition[seed])
        {
            x = x.Select(v => -v).ToArray();
            partition = partition.Select(b => !b).ToArray();
        }
        string? ambiguity = Ambiguity(x, lambda2, lambda3, candidates, Math.Abs)
            ?? (candidates.Any(i => partition[i] != partition[seed]) ? "seeds tie across the partition" : null);
        var cut = new ReferenceCut(degrees, lambda2, lambda3, x, partition, candidates, seed, ambiguity);
        var component = Component(partition, grid.Rows, grid.Cols, seed);
        var cells = ReferenceLost.BoundingBox(component, grid.Cols);
        return new ReferenceTokenCut(cut, component, cells, Pixels(cells, grid));
    }

    /// <summary>
    /// MaskCut (ncut-spec §2). Where the seed's side holds three or more corners the outcome depends on the
    /// eigenvector's sign, which the spec leaves to LAPACK: <paramref name="keepSeedSide"/> then says whether the
    /// object is the seed's side (true) or the other (false); without it the reference stops at that round.
    /// </summary>
    public static ReferenceMaskCut MaskCut(float[] keys, int dim, in MaskCutParameters p, Func<int, ReferenceCut, bool>? keepSeedSide = null)
    {
        var grid = p.Grid;
        int n = grid.PatchCount;
        var rounds = new List<ReferenceRound>();
        var objects = new List<ReferenceObject>();
        if (n < 3)
        {
            return new ReferenceMaskCut(rounds, objects, "fewer than 3 patches");
        }
        var painted = new bool[n];
        var previous = new bool[n];
        int[] corners = [0, grid.Cols - 1, n - grid.Cols, n - 1];
        for (int r = 0; r < p.Rounds; r++)
        {
            var features = Normalize(keys, n, dim);
            for (int i = 0; i < n; i++)
            {
                if (painted[i])
                {
                    Array.Clear(features, i * dim, dim);
                }
            }
            var (degrees, lambda2, lambda3, x) = Solve(Graph(features, n, dim, p.Tau, p.Eps));
            var partition = Above(x, Mean(x));
            var firstCandidates = Ties(x, Math.Abs);
            int first = firstCandidates[0];
            // Whatever the sign: the gap, the mean's margin and the first seed's ties.
            string? unclear = Ambiguity(x, lambda2, lambda3, firstCandidates, Math.Abs)
                ?? (firstCandidates.Any(i => partition[i] != partition[first]) ? "first seeds tie across the partition" : null);
            if (unclear is not null)
            {
                return new ReferenceMaskCut(rounds, objects, $"round {r}: {unclear}");
            }
            int seedSideCorners = corners.Count(c => partition[c] == partition[first]);
            bool signDecides = seedSideCorners >= 3;
            if (signDecides)
            {
                var asSolved = new ReferenceCut(degrees, lambda2, lambda3, x, partition, firstCandidates, first, null);
                if (keepSeedSide is null)
                {
                    return new ReferenceMaskCut(rounds, objects, $"round {r}: the eigenvector's sign decides it");
                }
                // The literal rule below keeps the seed's side exactly when s₀ is outside P (then c ≤ 1).
                bool keepsSeedSide = !partition[first];
                if (keepSeedSide(r, asSolved) != keepsSeedSide)
                {
                    x = x.Select(v => -v).ToArray();
                    partition = Above(x, Mean(x));
                }
            }
            // ncut-spec §2.3–2.4, literally.
            int c = corners.Count(i => partition[i]);
            if (c >= 3 || !partition[first])
            {
                x = x.Select(v => -v).ToArray();
                partition = partition.Select(b => !b).ToArray();
            }
            var candidates = Ties(x, v => v);
            int seed = candidates[0];
            string? ambiguity = Ambiguity(x, lambda2, lambda3, candidates, v => v);
            var cut = new ReferenceCut(degrees, lambda2, lambda3, x, partition, candidates, seed, ambiguity);
            if (ambiguity is not null)
            {
                return new ReferenceMaskCut(rounds, objects, $"round {r}: {ambiguity}");
            }
            var mask = Component(partition, grid.Rows, grid.Cols, seed);
            int size = mask.Count(b => b);
            bool dropped = r > 0 && (IoU(previous, mask) > 0.5 || size <= 0.01 * n);
            rounds.Add(new ReferenceRound(r, cut, mask, dropped, signDecides));
            previous = dropped ? new bool[n] : mask;
            if (dropped)
            {
                continue;
            }
            var cells = new bool[n];
            for (int i = 0; i < n; i++)
            {
                cells[i] = mask[i] && !painted[i];
                painted[i] |= mask[i];
            }
            if (cells.Any(b => b))
            {
                var box = ReferenceLost.BoundingBox(cells, grid.Cols);
                objects.Add(new ReferenceObject(r, cells, box, Pixels(box, grid)));
            }
        }
        return new ReferenceMaskCut(rounds, objects, null);
    }

    /// <summary>f_i = k_i / max(‖k_i‖₂, 1e-12) in double; a zero key stays zero.</summary>
    public static double[] Normalize(float[] keys, int n, int dim)
    {
        var f = new double[n * dim];
        for (int i = 0; i < n; i++)
        {
            double squares = 0;
            for (int t = 0; t < dim; t++)
            {
                squares += (double)keys[i * dim + t] * keys[i * dim + t];
            }
            double norm = Math.Max(Math.Sqrt(squares), 1e-12);
            for (int t = 0; t < dim; t++)
            {
                f[i * dim + t] = keys[i * dim + t] / norm;
            }
        }
        return f;
    }

    /// <summary>s(i, j) = f_i · f_j, diagonal included.</summary>
    public static double Similarity(double[] f, int dim, int i, int j)
    {
        double s = 0;
        for (int t = 0; t < dim; t++)
        {
            s += f[i * dim + t] * f[j * dim + t];
        }
        return s;
    }

    /// <summary>A(i, j) = 1 where s(i, j) &gt; tau (strictly), eps elsewhere, diagonal included.</summary>
    public static double[,] Graph(double[] f, int n, int dim, float tau, double eps)
    {
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                a[i, j] = a[j, i] = Similarity(f, dim, i, j) > tau ? 1 : eps;
            }
        }
        return a;
    }

    /// <summary>
    /// The degrees, λ₂, λ₃ and x = D^-½ v₂ (so xᵀDx = 1) of <c>(D − A) x = λ D x</c>. The sign is arbitrary, and
    /// Jacobi's tends to repeat with the graph's shape; it is set here by a rule unrelated to the cut (x₀ ≥ 0 for even
    /// N, ≤ 0 for odd), so across cases both branches of the methods' orientation rules run.
    /// </summary>
    public static (double[] Degrees, double Lambda2, double Lambda3, double[] X) Solve(double[,] a)
    {
        int n = a.GetLength(0);
        var degrees = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                degrees[i] += a[i, j];
            }
        }
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double laplacian = (i == j ? degrees[i] : 0) - a[i, j];
                c[i, j] = laplacian / Math.Sqrt(degrees[i] * degrees[j]);
            }
        }
        var system = Jacobi.Solve(c);
        double sign = (system.Vectors[1][0] >= 0) == (n % 2 == 0) ? 1 : -1;
        var x = system.Vectors[1].Select((v, i) => sign * v / Math.Sqrt(degrees[i])).ToArray();
        return (degrees, system.Values[1], system.Values[2], x);
    }

    /// <summary>The seed's 4-connected component of the marked cells (scipy.ndimage.label's default cross), by a depth-first fill.</summary>
    public static bool[] Component(bool[] marked, int rows, int cols, int seed)
    {
        var inside = new bool[marked.Length];
        if (!marked[seed])
        {
            return inside;
        }
        var stack = new Stack<int>([seed]);
        inside[seed] = true;
        while (stack.TryPop(out int cell))
        {
            int r = cell / cols, c = cell % cols;
            foreach (var (nr, nc) in new[] { (r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1) })
            {
                int next = nr * cols + nc;
                if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && marked[next] && !inside[next])
                {
                    inside[next] = true;
                    stack.Push(next);
                }
            }
        }
        return inside;
    }

    /// <summary>Cells to pixels: minima times the cell size, maxima too but clipped to the unpadded image.</summary>
    public static PixelBox Pixels(CellBox cells, in PatchGrid grid) => new(
        cells.XMin * grid.ScaleX,
        cells.YMin * grid.ScaleY,
        Math.Min(cells.XMax * grid.ScaleX, grid.ImageWidth),
        Math.Min(cells.YMax * grid.ScaleY, grid.ImageHeight));

    private static double Mean(double[] x) => x.Sum() / x.Length;

    private static bool[] Above(double[] x, double mean) => x.Select(v => v > mean).ToArray();

    /// <summary>Every index whose value (after <paramref name="measure"/>) is within the tie tolerance of the largest, lowest first.</summary>
    private static int[] Ties(double[] x, Func<double, double> measure)
    {
        double largest = x.Max(measure);
        return Enumerable.Range(0, x.Length).Where(i => measure(x[i]) >= largest - TieTolerance * Math.Abs(largest)).ToArray();
    }

    private static string? Ambiguity(double[] x, double lambda2, double lambda3, int[] candidates, Func<double, double> measure)
    {
        if (lambda3 - lambda2 < MinimumGap)
        {
            return $"λ₃ − λ₂ = {lambda3 - lambda2:E2} is below {MinimumGap:E0}";
        }
        double scale = x.Max(Math.Abs);
        double mean = Mean(x);
        double nearest = x.Min(v => Math.Abs(v - mean));
        if (nearest < DecisionMargin * scale)
        {
            return $"an entry of x is {nearest / scale:E2} (relative) from the mean";
        }
        double seedValue = measure(x[candidates[0]]);
        double runnerUp = Enumerable.Range(0, x.Length).Where(i => !candidates.Contains(i)).Select(i => seedValue - measure(x[i])).DefaultIfEmpty(double.MaxValue).Min();
        return runnerUp < DecisionMargin * scale ? $"a non-tying entry is {runnerUp / scale:E2} (relative) from the seed's" : null;
    }

    private static double IoU(bool[] a, bool[] b)
    {
        int intersection = 0, union = 0;
        for (int i = 0; i < a.Length; i++)
        {
            intersection += a[i] && b[i] ? 1 : 0;
            union += a[i] || b[i] ? 1 : 0;
        }
        return union == 0 ? 0 : (double)intersection / union;
    }
}
