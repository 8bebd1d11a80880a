using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>What the plain reference computes for one case, step by step.</summary>
internal sealed record ReferenceOutcome(
    int[] Degrees, int Seed, int[] Potentials, int[] Similars, double[] ExpansionMap, bool[] Component,
    bool HasObject, CellBox Cells, PixelBox Box);

/// <summary>
/// LOST written the slow and obvious way, straight from the spec and independent of the library: every
/// similarity from a double loop in double precision, a stable sort, the expansion map as the sum of the
/// similars' dot products (not the summed key), a depth-first fill of its own, and the box.
/// </summary>
internal static class ReferenceLost
{
    public static ReferenceOutcome Run(float[] keys, int dim, LostParameters p)
    {
        int n = p.Rows * p.Cols;
        var degrees = Degrees(keys, n, dim);
        int[] order = Enumerable.Range(0, n).OrderBy(i => degrees[i]).ToArray();
        int seed = order[0];
        int[] potentials = order.Take(Math.Min(p.KPatches, n)).ToArray();
        int[] similars = potentials.Where(q => Similarity(keys, dim, seed, q) > 0).OrderBy(q => q).ToArray();
        var map = new double[n];
        for (int j = 0; j < n; j++)
        {
            foreach (int s in similars)
            {
                map[j] += Similarity(keys, dim, s, j);
            }
        }
        var component = new bool[n];
        if (!(map[seed] > 0))
        {
            return new ReferenceOutcome(degrees, seed, potentials, similars, map, component, false, default, default);
        }
        var stack = new Stack<int>();
        stack.Push(seed);
        component[seed] = true;
        while (stack.Count > 0)
        {
            int cell = stack.Pop();
            int r = cell / p.Cols, c = cell % p.Cols;
            foreach (var (nr, nc) in new[] { (r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1) })
            {
                if (nr >= 0 && nr < p.Rows && nc >= 0 && nc < p.Cols)
                {
                    int next = nr * p.Cols + nc;
                    if (!component[next] && map[next] > 0)
                    {
                        component[next] = true;
                        stack.Push(next);
                    }
                }
            }
        }
        var cells = BoundingBox(component, p.Cols);
        var box = new PixelBox(
            cells.XMin * p.ScaleX,
            cells.YMin * p.ScaleY,
            Math.Min(cells.XMax * p.ScaleX, p.ImageWidth),
            Math.Min(cells.YMax * p.ScaleY, p.ImageHeight));
        return new ReferenceOutcome(degrees, seed, potentials, similars, map, component, true, cells, box);
    }

    /// <summary>deg(i) = #{ j != i : s(i, j) &gt; 0 }, every ordered pair computed on its own.</summary>
    public static int[] Degrees(float[] keys, int n, int dim)
    {
        var degrees = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (j != i && Similarity(keys, dim, i, j) > 0)
                {
                    degrees[i]++;
                }
            }
        }
        return degrees;
    }

    public static double Similarity(float[] keys, int dim, int i, int j)
    {
        double s = 0;
        for (int t = 0; t < dim; t++)
        {
            s += (double)keys[i * dim + t] * keys[j * dim + t];
        }
        return s;
    }

    /// <summary>Cell box of the marked cells, maxima exclusive.</summary>
    public static CellBox BoundingBox(IReadOnlyList<bool> marked, int cols)
    {
        int ymin = int.MaxValue, xmin = int.MaxValue, ymax = -1, xmax = -1;
        for (int cell = 0; cell < marked.Count; cell++)
        {
            if (marked[cell])
            {
                int r = cell / cols, c = cell % cols;
                ymin = Math.Min(ymin, r);
                ymax = Math.Max(ymax, r);
                xmin = Math.Min(xmin, c);
                xmax = Math.Max(xmax, c);
            }
        }
        return new CellBox(ymin, xmin, ymax + 1, xmax + 1);
    }
}
