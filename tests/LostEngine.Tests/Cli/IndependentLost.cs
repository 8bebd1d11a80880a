namespace LostEngine.Tests.Cli;

/// <summary>
/// LOST written the slow, obvious way from the spec (full similarity matrix, a stable LINQ sort, a direct
/// sum for the expansion map, a stack-based flood fill), independent of the engine's kernel, to check the
/// tool on cases no reference run has seen. Exact for integer-valued keys.
/// </summary>
public static class IndependentLost
{
    public sealed record Answer(bool HasObject, int Seed, int[] Degrees, int[] Similars, int[] Component, int[] Box, int[] BoxPatches);

    public static Answer Run(float[] keys, int rows, int cols, int dim, int patch, int imageHeight, int imageWidth, int kPatches)
    {
        int n = rows * cols;
        var similarity = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int t = 0; t < dim; t++)
                {
                    s += (double)keys[i * dim + t] * keys[j * dim + t];
                }
                similarity[i, j] = s;
            }
        }
        var degrees = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Count(j => j != i && similarity[i, j] > 0)).ToArray();
        var order = Enumerable.Range(0, n).OrderBy(i => degrees[i]).ToArray();
        int seed = order[0];
        var similars = order.Take(Math.Min(kPatches, n)).Where(p => similarity[seed, p] > 0).Order().ToArray();
        var map = Enumerable.Range(0, n).Select(j => similars.Sum(s => similarity[s, j])).ToArray();
        if (!(map[seed] > 0))
        {
            return new Answer(false, seed, degrees, similars, [], [], []);
        }

        var inComponent = new bool[n];
        var stack = new Stack<int>([seed]);
        inComponent[seed] = true;
        while (stack.Count > 0)
        {
            int cell = stack.Pop();
            int r = cell / cols, c = cell % cols;
            foreach (var (nr, nc) in new[] { (r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1) })
            {
                int next = nr * cols + nc;
                if (nr >= 0 && nr < rows && nc >= 0 && nc < cols && !inComponent[next] && map[next] > 0)
                {
                    inComponent[next] = true;
                    stack.Push(next);
                }
            }
        }
        var component = Enumerable.Range(0, n).Where(i => inComponent[i]).ToArray();
        int ymin = component.Min(i => i / cols), ymax = component.Max(i => i / cols) + 1;
        int xmin = component.Min(i => i % cols), xmax = component.Max(i => i % cols) + 1;
        int[] box = [xmin * patch, ymin * patch, Math.Min(xmax * patch, imageWidth), Math.Min(ymax * patch, imageHeight)];
        return new Answer(true, seed, degrees, similars, component, box, [ymin, xmin, ymax, xmax]);
    }
}
