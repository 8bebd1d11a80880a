namespace LostEngine.IO;

/// <summary>A .npy array converted to float32, with its shape.</summary>
/// <param name="Values">The elements in C order.</param>
/// <param name="Shape">The shape, outermost axis first.</param>
/// <param name="StoredAs">The element type the file held before conversion.</param>
public sealed record NpyArray(float[] Values, IReadOnlyList<int> Shape, NpyElementType StoredAs)
{
    /// <summary>The shape as numpy prints it, e.g. <c>(1, 197, 384)</c>.</summary>
    public string ShapeText => Shape.Count == 1 ? $"({Shape[0]},)" : $"({string.Join(", ", Shape)})";
}
