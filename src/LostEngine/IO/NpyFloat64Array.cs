namespace LostEngine.IO;

/// <summary>A .npy array read as float64, with its shape; float64 data keeps every bit.</summary>
/// <param name="Values">The elements in C order.</param>
/// <param name="Shape">The shape, outermost axis first.</param>
/// <param name="StoredAs">The element type the file held.</param>
public sealed record NpyFloat64Array(double[] Values, IReadOnlyList<int> Shape, NpyElementType StoredAs);
