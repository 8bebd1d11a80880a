namespace LostEngine.Kernel;

/// <summary>A set of grid cells: what the seed's component grows in, or what a box bounds.</summary>
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

/// <summary>The cells carrying one label: a DINO-seg component, or a MaskCut object in its object map.</summary>
internal readonly ref struct LabelledCells(ReadOnlySpan<int> labels, int label) : ICellMask
{
    private readonly ReadOnlySpan<int> _labels = labels;

    public bool Contains(int cell) => _labels[cell] == label;
}

/// <summary>Bounding boxes of sets of grid cells.</summary>
internal static class CellBounds
{
    /// <summary>The bounding box of the cells in <paramref name="mask"/>, maxima exclusive; default when it has none.</summary>
    public static CellBox Of<TMask>(TMask mask, int cells, int cols)
        where TMask : ICellMask, allows ref struct
    {
        int ymin = int.MaxValue, xmin = int.MaxValue, ymax = -1, xmax = -1;
        for (int cell = 0; cell < cells; cell++)
        {
            if (!mask.Contains(cell))
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
