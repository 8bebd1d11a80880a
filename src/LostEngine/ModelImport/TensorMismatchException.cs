namespace LostEngine.ModelImport;

/// <summary>
/// A checkpoint tensor does not fit the graph: missing, not part of it, or of another shape. The message names the
/// tensor and both shapes (the one the graph expects and the one the checkpoint has, either absent when the tensor is).
/// </summary>
public sealed class TensorMismatchException : LostInputException
{
    /// <summary>Creates the error for tensor <paramref name="tensorName"/>.</summary>
    public TensorMismatchException(string tensorName, int[]? expectedShape, int[]? actualShape, string problem)
        : base($"tensor '{tensorName}'", problem)
    {
        TensorName = tensorName;
        ExpectedShape = expectedShape;
        ActualShape = actualShape;
    }

    /// <summary>The tensor's state-dict name.</summary>
    public string TensorName { get; }

    /// <summary>The shape the graph expects; null for a tensor the graph does not have.</summary>
    public int[]? ExpectedShape { get; }

    /// <summary>The shape the checkpoint has; null for a missing tensor.</summary>
    public int[]? ActualShape { get; }

    /// <summary><paramref name="shape"/> as <c>[a, b, c]</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape) => $"[{string.Join(", ", shape.ToArray())}]";
}
