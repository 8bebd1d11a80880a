using System.Globalization;

namespace LostEngine.Checkpoints;

/// <summary>Shapes written as Python prints a torch.Size: <c>(384, 3, 14, 14)</c>, <c>(384,)</c>, <c>()</c>.</summary>
internal static class ShapeText
{
    public static string Of(IReadOnlyList<int> shape) => Of(shape.Select(size => (long)size).ToArray());

    public static string Of(IReadOnlyList<long> shape) => shape.Count == 1
        ? string.Create(CultureInfo.InvariantCulture, $"({shape[0]},)")
        : "(" + string.Join(", ", shape.Select(size => size.ToString(CultureInfo.InvariantCulture))) + ")";
}
