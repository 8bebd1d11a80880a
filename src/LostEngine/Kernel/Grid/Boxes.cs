namespace LostEngine.Kernel;

/// <summary>A box in pixels, <c>[x1, y1, x2, y2]</c>, maxima exclusive and clipped to the unpadded image.</summary>
public readonly record struct PixelBox(int X1, int Y1, int X2, int Y2)
{
    /// <summary>Width in pixels.</summary>
    public int Width => X2 - X1;

    /// <summary>Height in pixels.</summary>
    public int Height => Y2 - Y1;

    /// <inheritdoc />
    public override string ToString() => $"[{X1}, {Y1}, {X2}, {Y2}]";
}

/// <summary>A box in patch cells, maxima exclusive; the reference orders it <c>[ymin, xmin, ymax, xmax]</c>.</summary>
public readonly record struct CellBox(int YMin, int XMin, int YMax, int XMax)
{
    /// <summary>Whether the cell at (row, col) lies inside the box.</summary>
    public bool Contains(int row, int col) => row >= YMin && row < YMax && col >= XMin && col < XMax;

    /// <inheritdoc />
    public override string ToString() => $"[{YMin}, {XMin}, {YMax}, {XMax}]";
}
