using LostEngine.IO;

namespace LostEngine.Cli;

/// <summary>
/// Fits a keys array read from a file to the patch grid: accepts (N, d) or (1, N, d), optionally with the
/// CLS token as the first of N + 1 rows, and says exactly what does not fit otherwise.
/// </summary>
internal static class KeysLayout
{
    /// <summary>Where the grid's N × d keys start in <paramref name="keys"/>' values, and their width d.</summary>
    /// <exception cref="LostInputException">The shape is not one image's keys for this grid.</exception>
    public static (int Offset, int Dim) Fit(NpyArray keys, string source, int rows, int cols, bool dropCls)
    {
        var shape = keys.Shape;
        bool single = shape.Count == 2 || (shape.Count == 3 && shape[0] == 1);
        if (!single)
        {
            string why = shape.Count == 3 ? $"it is a batch of {shape[0]} images; pass one image's keys" : "keys must be (N, d) or (1, N, d)";
            throw new LostInputException(source, $"shape {keys.ShapeText} does not fit: {why}.");
        }
        int rowsInFile = shape[^2];
        int dim = shape[^1];
        if (dim < 1)
        {
            throw new LostInputException(source, $"shape {keys.ShapeText} has keys of width 0.");
        }
        long patches = (long)rows * cols;
        long expected = patches + (dropCls ? 1 : 0);
        if (rowsInFile == expected)
        {
            return (dropCls ? dim : 0, dim);
        }
        string problem = (dropCls, rowsInFile - patches) switch
        {
            (false, 1) => $"has {rowsInFile} rows = {rows}x{cols} + 1; the first is probably the CLS token: add --drop-cls.",
            (true, 0) => $"has exactly {rows}x{cols} = {patches} rows, so there is no CLS row to drop: leave out --drop-cls.",
            (true, _) => $"has {rowsInFile} rows, but a {rows}x{cols} grid with a CLS row needs {rows}x{cols} + 1 = {expected}.",
            (false, _) => $"has {rowsInFile} rows, but a {rows}x{cols} grid needs {rows}x{cols} = {patches}.",
        };
        throw new LostInputException(source, $"shape {keys.ShapeText} {problem}");
    }
}
