using LostEngine.Kernel;

namespace LostEngine.Diagnostics;

/// <summary>
/// Reproducible synthetic keys for benchmarks: <see cref="Gaussian"/> keys with the sign mix of real DINO keys (what
/// LOST's similarity pass sees), and <see cref="WithObjects"/> keys of a picture with objects (what the methods that
/// look for an object have to find).
/// </summary>
public static class SyntheticKeys
{
    /// <summary>The seed every benchmark uses, so two runs (or two machines) time the same keys.</summary>
    public const int DefaultSeed = 517;

    /// <summary>
    /// N × d keys, row-major: a per-dimension mean shared by every patch plus unit Gaussian noise per patch.
    /// DINO keys share a large common direction, so most of their similarities are positive; this mix gives
    /// the same proportion of signs, which is what the degree pass's counting sees.
    /// </summary>
    public static float[] Gaussian(int n, int dim, int seed = DefaultSeed)
    {
        RequireAtLeast(n, 1, "n");
        RequireAtLeast(dim, 1, "dim");
        var random = new Random(seed);
        var mean = new float[dim];
        for (int t = 0; t < dim; t++)
        {
            mean[t] = 0.5f * Normal(random);
        }
        var keys = new float[checked(n * dim)];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = mean[i % dim] + Normal(random);
        }
        return keys;
    }

    // Weights of the parts of a WithObjects key; the noise is the length of its whole noise vector. A common part
    // of 0.3 keeps background pairs far apart on the grid just above 0 similarity, as DINO's are; objects lean
    // away from the background's mean direction by ObjectLean, so object–background pairs are negative.
    private const double CommonWeight = 0.3;
    private const double RippleWeight = 0.3;
    private const double ObjectLean = 0.5;
    private const double NoiseLength = 0.4;

    // Tries to place an object apart from the ones before it before giving up on the grid.
    private const int PlacementAttempts = 1000;

    /// <summary>
    /// Keys of an image with <paramref name="objects"/> rectangular objects on a <paramref name="rows"/> ×
    /// <paramref name="cols"/> grid, for benchmarks of the methods that look for objects (a method timed on pure
    /// noise does the work of a picture of nothing). Every key is a direction shared by all patches, plus either
    /// the background at its cell (a field that turns smoothly across the grid, with a gentle ripple) or its
    /// object's own direction (half and half on an object's outer ring of cells), plus a little noise. So neighbouring background patches are alike and distant ones
    /// barely, each object is alike within and unlike the background, and objects resemble each other somewhat:
    /// TokenCut cuts an object out, MaskCut finds them one per round, and LOST's lowest degree lies in one.
    /// Objects are 1/5 to 1/2 of the grid's height and width, placed at random at least one cell apart.
    /// </summary>
    /// <exception cref="LostInputException">A size is not positive, or the objects do not fit on the grid apart.</exception>
    public static SyntheticScene WithObjects(int rows, int cols, int dim, int objects = 1, int seed = DefaultSeed)
    {
        RequireAtLeast(rows, 1, "rows");
        RequireAtLeast(cols, 1, "cols");
        RequireAtLeast(dim, 1, "dim");
        RequireAtLeast(objects, 0, "objects");
        var random = new Random(seed);
        var common = UnitDirection(random, dim);
        var backgroundStart = UnitDirection(random, dim);
        var backgroundEnd = UnitDirection(random, dim);
        var ripple = UnitDirection(random, dim);
        var backgroundMean = new float[dim];
        for (int t = 0; t < dim; t++)
        {
            backgroundMean[t] = backgroundStart[t] + backgroundEnd[t];
        }
        Normalize(backgroundMean);

        var boxes = PlaceObjects(random, rows, cols, objects);
        var objectDirections = new float[boxes.Length][];
        for (int o = 0; o < boxes.Length; o++)
        {
            var own = UnitDirection(random, dim);
            objectDirections[o] = new float[dim];
            for (int t = 0; t < dim; t++)
            {
                objectDirections[o][t] = (float)(-ObjectLean * backgroundMean[t] + Math.Sqrt(1 - ObjectLean * ObjectLean) * own[t]);
            }
        }

        var keys = new float[checked(rows * cols * dim)];
        double noise = NoiseLength / Math.Sqrt(dim);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                var key = keys.AsSpan((r * cols + c) * dim, dim);
                int o = ObjectAt(boxes, r, c);
                // The background turns by a quarter turn from the top-left corner to the bottom-right one.
                double y = (r + 0.5) / rows, x = (c + 0.5) / cols;
                double angle = Math.PI / 4 * (y + x);
                double wave = RippleWeight * Math.Sin(2 * Math.PI * (1.5 * x - y));
                // An object's outermost ring of cells is half background, as patches straddling its outline are, so
                // the cut is not a clean split of two disconnected graphs.
                double inObject = o < 0 ? 0 : OnRing(boxes[o], r, c) ? 0.5 : 1;
                for (int t = 0; t < dim; t++)
                {
                    double background = Math.Cos(angle) * backgroundStart[t] + Math.Sin(angle) * backgroundEnd[t] + wave * ripple[t];
                    double part = o < 0 ? background : inObject * objectDirections[o][t] + (1 - inObject) * background;
                    key[t] = (float)(CommonWeight * common[t] + part + noise * Normal(random));
                }
            }
        }
        return new SyntheticScene(rows, cols, dim, keys, boxes);
    }

    private static CellBox[] PlaceObjects(Random random, int rows, int cols, int count)
    {
        var boxes = new CellBox[count];
        for (int o = 0; o < count; o++)
        {
            bool placed = false;
            for (int attempt = 0; attempt < PlacementAttempts && !placed; attempt++)
            {
                int height = random.Next(Math.Max(1, rows / 5), Math.Max(1, rows / 2) + 1);
                int width = random.Next(Math.Max(1, cols / 5), Math.Max(1, cols / 2) + 1);
                int top = random.Next(rows - height + 1), left = random.Next(cols - width + 1);
                var box = new CellBox(top, left, top + height, left + width);
                // One cell of background between objects keeps each its own 4-connected component.
                placed = !boxes.Take(o).Any(other => Touch(box, other));
                boxes[o] = box;
            }
            if (!placed)
            {
                throw new LostInputException("objects", $"{count} objects do not fit on a {rows}x{cols} grid one cell apart.");
            }
        }
        return boxes;
    }

    private static int ObjectAt(CellBox[] boxes, int row, int col)
    {
        for (int o = 0; o < boxes.Length; o++)
        {
            if (boxes[o].Contains(row, col))
            {
                return o;
            }
        }
        return -1;
    }

    private static bool OnRing(CellBox box, int row, int col) =>
        row == box.YMin || row == box.YMax - 1 || col == box.XMin || col == box.XMax - 1;

    // Overlapping or side by side (diagonal neighbours count too, to keep it simple).
    private static bool Touch(CellBox a, CellBox b) =>
        a.YMin <= b.YMax && b.YMin <= a.YMax && a.XMin <= b.XMax && b.XMin <= a.XMax;

    private static float[] UnitDirection(Random random, int dim)
    {
        var direction = new float[dim];
        for (int t = 0; t < dim; t++)
        {
            direction[t] = Normal(random);
        }
        Normalize(direction);
        return direction;
    }

    private static void Normalize(Span<float> vector)
    {
        double squares = 0;
        foreach (float v in vector)
        {
            squares += (double)v * v;
        }
        float scale = squares > 0 ? (float)(1 / Math.Sqrt(squares)) : 0;
        foreach (ref float v in vector)
        {
            v *= scale;
        }
    }

    private static void RequireAtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new LostInputException(name, $"must be at least {minimum}, got {value}.");
        }
    }

    // Box–Muller: one standard normal from two uniforms.
    private static float Normal(Random random)
    {
        double u = 1.0 - random.NextDouble();
        double v = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v));
    }
}
