using FsCheck;
using FsCheck.Fluent;
using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>How a case's keys are drawn.</summary>
public enum NcutKeyStyle
{
    /// <summary>Unit directions plus Gaussian noise, each key scaled by its own factor: no two keys alike.</summary>
    Gaussian,

    /// <summary>
    /// Small integers (directions and noise in -3..3): many keys repeat exactly, so many graph rows are identical and
    /// the solver's exact tie handling and closed-form eigenvalues are exercised.
    /// </summary>
    Integer,

    /// <summary>
    /// Every key one of a few prototypes of its region (its direction plus Gaussian noise), scaled by its own factor:
    /// few distinct similarities however large the grid, so tau can stay where it was asked, and many identical rows.
    /// </summary>
    Palette,
}

/// <summary>
/// One random TokenCut / MaskCut input: a grid, a key width d (odd, so never a multiple of a vector width), 1–3
/// planted objects (rectangles, some in a corner, whose keys lie near their own direction, on a background near
/// another), noise, some zero keys or none, and tau. Built deterministically from <see cref="Seed"/>.
/// <see cref="Tau"/> is the requested threshold moved (measured: by 1e-4 or less on the small grids, a few 1e-3 at
/// most on the large ones) into a gap of the case's similarities at least <see cref="TauClearance"/> wide on each
/// side, 0 and 1 included (a painted or zero key's similarity, and the diagonal): the float32 similarities of the
/// library then fall on the same side of tau as the double ones of the reference, at every SIMD width, so every
/// implementation builds the same graph.
/// </summary>
public sealed record NcutCase(
    int Rows, int Cols, int Dim, int Objects, NcutKeyStyle Style, double Noise, bool ZeroKeys, int Seed, int PatchSize,
    int ImageHeight, int ImageWidth, float RequestedTau, float Tau, float[] Keys)
{
    /// <summary>
    /// Room on each side of tau. The library normalizes in float32 and sums d float32 products: for d ≤ 100 its
    /// similarity is within d · 2⁻²⁴ ≈ 6e-6 of the double one in the worst case.
    /// </summary>
    public const double TauClearance = 2e-5;

    public int N => Rows * Cols;

    public TokenCutParameters TokenCut => TokenCutParameters.ForVit(Rows, Cols, PatchSize, ImageHeight, ImageWidth, Tau);

    public MaskCutParameters MaskCut(int rounds = MaskCutParameters.DefaultRounds) =>
        MaskCutParameters.ForVit(Rows, Cols, PatchSize, ImageHeight, ImageWidth, Tau, rounds: rounds);

    public override string ToString() =>
        $"NcutCase {{ {Rows}x{Cols}, d = {Dim}, {Objects} object(s), {Style}, noise {Noise:F2}, zero keys {ZeroKeys}, seed {Seed}, patch {PatchSize}, image {ImageHeight}x{ImageWidth}, tau {Tau:R} (asked {RequestedTau:R}) }}";

    /// <summary>Grids of 3×3 to 16×20 (N ≤ 320), where the O(N³) dense reference takes well under a second.</summary>
    public static Gen<NcutCase> Small { get; } =
        Generator(3, 16, 3, 20, [3, 5, 7, 13, 17, 23, 31, 45, 67], [NcutKeyStyle.Gaussian, NcutKeyStyle.Integer, NcutKeyStyle.Palette]);

    /// <summary>
    /// Grids up to 40×50 for the invariants, which need no reference. No Gaussian keys: their N²/2 distinct
    /// similarities fill [-1, 1] so densely that the nearest clear tau can be far from the one asked.
    /// </summary>
    public static Gen<NcutCase> Large { get; } = Generator(3, 40, 3, 50, [5, 13, 33, 67], [NcutKeyStyle.Integer, NcutKeyStyle.Palette]);

    private static Gen<NcutCase> Generator(int minRows, int maxRows, int minCols, int maxCols, int[] dims, NcutKeyStyle[] styles) =>
        from rows in Gen.Choose(minRows, maxRows)
        from cols in Gen.Choose(minCols, maxCols)
        from dim in Gen.Elements(dims)
        from objects in Gen.Choose(1, 3)
        from style in Gen.Elements(styles)
        from noise in Gen.Choose(15, 110)
        from zeroKeys in Gen.Elements(false, false, false, true)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from patchSize in Gen.Elements(8, 14, 16)
        from cropY in Gen.Choose(0, 13)
        from cropX in Gen.Choose(0, 13)
        from tau in Gen.Choose(-25, 55)
        select Create(rows, cols, dim, objects, style, noise / 100.0, zeroKeys, seed, patchSize, cropY, cropX, tau / 100f);

    public static NcutCase Create(int rows, int cols, int dim, int objects, NcutKeyStyle style, double noise, bool zeroKeys, int seed,
        int patchSize, int cropY, int cropX, float requestedTau)
    {
        var keys = PlantedKeys(rows, cols, dim, objects, style, noise, zeroKeys, seed);
        // Cropping less than one patch keeps the image inside the padded grid's last cell.
        int height = rows * patchSize - cropY % patchSize;
        int width = cols * patchSize - cropX % patchSize;
        float tau = ClearTau(keys, rows * cols, dim, requestedTau);
        return new NcutCase(rows, cols, dim, objects, style, noise, zeroKeys, seed, patchSize, height, width, requestedTau, tau, keys);
    }

    private static float[] PlantedKeys(int rows, int cols, int dim, int objects, NcutKeyStyle style, double noise, bool zeroKeys, int seed)
    {
        var random = new Random(seed);
        // Direction 0 is the background's, 1..objects the objects'.
        var directions = new double[objects + 1][];
        for (int k = 0; k <= objects; k++)
        {
            directions[k] = style == NcutKeyStyle.Integer
                ? Enumerable.Range(0, dim).Select(_ => (double)random.Next(-2, 3)).ToArray()
                : Unit(Enumerable.Range(0, dim).Select(_ => Gaussian(random)).ToArray());
        }
        // Palette: four to eleven prototypes a region.
        var prototypes = style != NcutKeyStyle.Palette ? [] : directions
            .Select(direction => Enumerable.Range(0, 4 + random.Next(8))
                .Select(_ => direction.Select(v => v + noise / Math.Sqrt(dim) * Gaussian(random)).ToArray()).ToArray())
            .ToArray();
        int n = rows * cols;
        var label = new int[n];
        for (int k = 1; k <= objects; k++)
        {
            int height = 1 + random.Next(Math.Max(1, rows / 2)), width = 1 + random.Next(Math.Max(1, cols / 2));
            int top = random.Next(rows), left = random.Next(cols);
            // One object in three sits in a corner, where MaskCut's corners rule looks.
            if (random.Next(3) == 0)
            {
                top = random.Next(2) == 0 ? 0 : rows - height;
                left = random.Next(2) == 0 ? 0 : cols - width;
            }
            int bottom = Math.Min(rows, top + height), right = Math.Min(cols, left + width);
            for (int r = top; r < bottom; r++)
            {
                for (int c = left; c < right; c++)
                {
                    label[r * cols + c] = k;
                }
            }
        }
        var keys = new float[n * dim];
        for (int i = 0; i < n; i++)
        {
            if (zeroKeys && random.Next(20) == 0)
            {
                continue;
            }
            var direction = directions[label[i]];
            double scale = style == NcutKeyStyle.Integer ? 1 : Math.Pow(2, random.NextDouble() * 4 - 2);
            var prototype = style == NcutKeyStyle.Palette ? prototypes[label[i]][random.Next(prototypes[label[i]].Length)] : null;
            for (int t = 0; t < dim; t++)
            {
                double value = style switch
                {
                    NcutKeyStyle.Integer => Math.Clamp(direction[t] + (random.NextDouble() < noise ? random.Next(-1, 2) : 0), -3, 3),
                    NcutKeyStyle.Palette => prototype![t],
                    _ => direction[t] + noise / Math.Sqrt(dim) * Gaussian(random),
                };
                keys[i * dim + t] = (float)(scale * value);
            }
        }
        return keys;
    }

    /// <summary>The nearest threshold to <paramref name="requested"/> with no similarity (nor 0 or 1) within <see cref="TauClearance"/>.</summary>
    public static float ClearTau(float[] keys, int n, int dim, float requested)
    {
        var f = ReferenceNcut.Normalize(keys, n, dim);
        var values = new List<double>(n * (n + 1) / 2 + 2) { 0, 1 };
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                values.Add(ReferenceNcut.Similarity(f, dim, i, j));
            }
        }
        values.Sort();
        // In every wide enough gap, the clear point nearest to the requested value.
        double best = double.NaN;
        for (int k = 0; k + 1 < values.Count; k++)
        {
            double lo = values[k], hi = values[k + 1];
            if (hi - lo < 2 * TauClearance)
            {
                continue;
            }
            double candidate = Math.Clamp(requested, lo + TauClearance, hi - TauClearance);
            if (double.IsNaN(best) || Math.Abs(candidate - requested) < Math.Abs(best - requested))
            {
                best = candidate;
            }
        }
        if (requested < values[0] - TauClearance || requested > values[^1] + TauClearance)
        {
            best = requested;
        }
        return (float)best;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double[] Unit(double[] v)
    {
        double norm = Math.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }
}

/// <summary>Registers the small cases (for reference comparisons) for properties that take an <see cref="NcutCase"/>.</summary>
public static class SmallNcutArbitraries
{
    public static Arbitrary<NcutCase> Cases() => NcutCase.Small.ToArbitrary();
}

/// <summary>Registers the large cases (for invariants) for properties that take an <see cref="NcutCase"/>.</summary>
public static class LargeNcutArbitraries
{
    public static Arbitrary<NcutCase> Cases() => NcutCase.Large.ToArbitrary();
}

/// <summary>
/// A property over <see cref="NcutCase"/>s, from a fixed seed so every run draws the same cases; rejected cases
/// (too close to call) may be at most as many as the tests, after which FsCheck gives up and the property fails.
/// </summary>
public sealed class NcutPropertyAttribute : FsCheck.Xunit.PropertyAttribute
{
    public NcutPropertyAttribute(bool large = false)
    {
        Arbitrary = [large ? typeof(LargeNcutArbitraries) : typeof(SmallNcutArbitraries)];
        Replay = "(20250611,1234567)";
        MaxRejected = 0;
    }

    /// <summary>Sets MaxTest, and as many allowed rejections.</summary>
    public int Cases
    {
        get => MaxTest;
        set
        {
            MaxTest = value;
            MaxRejected = value;
        }
    }
}
