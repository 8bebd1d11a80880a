namespace LostEngine.IO;

/// <summary>What a .npy header says about the array that follows it, checked against the file's size.</summary>
/// <param name="ElementType">The stored element type.</param>
/// <param name="BigEndian">Whether the elements are stored most significant byte first.</param>
/// <param name="Shape">The array's shape, outermost axis first (C order).</param>
/// <param name="ElementCount">The product of <paramref name="Shape"/>.</param>
/// <param name="DataOffset">Bytes from the start of the file to the first element.</param>
public sealed record NpyHeader(NpyElementType ElementType, bool BigEndian, IReadOnlyList<int> Shape, long ElementCount, long DataOffset)
{
    /// <summary>Bytes of one stored element.</summary>
    public int ElementSize => (int)ElementType;

    /// <summary>Bytes of data the header promises.</summary>
    public long DataLength => ElementCount * ElementSize;

    /// <summary>The shape as numpy prints it, e.g. <c>(1, 197, 384)</c>.</summary>
    public string ShapeText => Shape.Count == 1 ? $"({Shape[0]},)" : $"({string.Join(", ", Shape)})";
}
