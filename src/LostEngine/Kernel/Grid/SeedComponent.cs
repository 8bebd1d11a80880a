namespace LostEngine.Kernel;

/// <summary>A set of grid cells the seed's component is grown in.</summary>
internal interface ICellMask
{
    bool Contains(int cell);
}

/// <summary>LOST's mask: the cells whose expansion value is positive (spec step 7).</summary>
internal readonly ref struct PositiveCells(ReadOnlySpan<float> map) : ICellMask
{
    private readonly ReadOnlySpan<float> _map = map;

    public bool Contains(int cell) => _map[cell] > 0f;
}

/// <summary>TokenCut's and MaskCut's mask: the cells marked 1 (the seed's side of the partition).</summary>
internal readonly ref struct MarkedCells(ReadOnlySpan<byte> marks) : ICellMask
{
    private readonly ReadOnlySpan<byte> _marks = marks;

    public bool Contains(int cell) => _marks[cell] != 0;
}

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

    /// <summary>The bounding box of the marked cells, maxima exclusive; default when none is marked.</summary>
    public static CellBox BoundingBox(ReadOnlySpan<byte> marks, int cols)
    {
        int ymin = int.MaxValue, xmin = int.MaxValue, ymax = -1, xmax = -1;
        for (int cell = 0; cell < marks.Length; cell++)
        {
            if (marks[cell] == 0)
            {
                continue;
            }
            int r = cell / cols, c = cell - r * cols;
            ymin = Math.Min(ymin, r);
            ymax = Math.Max(ymax, r);
            xmin = Math.Min(xmin, c);
            xmax = Math.Max(xmax, c);
        }
        return ymax < 0 ? default : new CellBox(ymin, xmin, ymax + 1, xmax + 1);
    }
}
