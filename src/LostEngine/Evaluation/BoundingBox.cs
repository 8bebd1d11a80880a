namespace LostEngine.Evaluation;

/// <summary>
/// A box in continuous pixel coordinates, <c>[x1, y1, x2, y2]</c> with the maxima exclusive, as the
/// reference stores both its predictions and its ground truth.
/// </summary>
public readonly record struct BoundingBox(double X1, double Y1, double X2, double Y2)
{
    /// <summary>
    /// True when every coordinate is a whole number. The reference holds such boxes as int64 tensors,
    /// which changes the precision of its IoU (see <see cref="BoxIoU"/>).
    /// </summary>
    public bool IsIntegral =>
        double.IsInteger(X1) && double.IsInteger(Y1) && double.IsInteger(X2) && double.IsInteger(Y2);

    /// <summary>True when the box is not wholly inside an image of the given size.</summary>
    public bool LeavesImage(double width, double height) =>
        X1 < 0 || Y1 < 0 || X2 > width || Y2 > height;

    /// <summary>The coordinates in the reference order.</summary>
    public double[] ToArray() => [X1, Y1, X2, Y2];

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"[{X1}, {Y1}, {X2}, {Y2}]");
}
