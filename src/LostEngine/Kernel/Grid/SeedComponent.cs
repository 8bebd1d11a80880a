namespace LostEngine.Kernel;

/// <summary>
/// Spec steps 7–9 (and ncut-spec §1.8): the 4-connected component of the seed in a mask (scipy.ndimage.label's
/// default cross), found by a breadth-first fill over a preallocated queue, and its bounding box in cells.
/// </summary>
internal static class SeedComponent
{
    /// <summary>
    /// Marks the seed's component in <paramref name="component"/> (1 inside, 0 outside) and returns its size
    /// and cell box, or size 0 when the seed itself is not in the mask.
    /// </summary>
    public static int Fill<TMask>(TMask mask, int rows, int cols, int seed, Span<byte> component, Span<int> queue, out CellBox box)
        where TMask : ICellMask, allows ref struct
    {
        component.Clear();
        box = default;
        if (!mask.Contains(seed))
        {
            return 0;
        }
        int head = 0, tail = 0;
        queue[tail++] = seed;
        component[seed] = 1;
        int ymin = int.MaxValue, xmin = int.MaxValue, ymax = -1, xmax = -1;
        while (head < tail)
        {
            int cell = queue[head++];
            int r = cell / cols, c = cell - r * cols;
            ymin = Math.Min(ymin, r);
            ymax = Math.Max(ymax, r);
            xmin = Math.Min(xmin, c);
            xmax = Math.Max(xmax, c);
            if (r > 0) Visit(cell - cols, mask, component, queue, ref tail);
            if (r < rows - 1) Visit(cell + cols, mask, component, queue, ref tail);
            if (c > 0) Visit(cell - 1, mask, component, queue, ref tail);
            if (c < cols - 1) Visit(cell + 1, mask, component, queue, ref tail);
        }
        box = new CellBox(ymin, xmin, ymax + 1, xmax + 1);
        return tail;
    }

    private static void Visit<TMask>(int next, TMask mask, Span<byte> component, Span<int> queue, ref int tail)
        where TMask : ICellMask, allows ref struct
    {
        if (component[next] == 0 && mask.Contains(next))
        {
            component[next] = 1;
            queue[tail++] = next;
        }
    }
}
