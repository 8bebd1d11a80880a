using System.Text;

namespace LostEngine.Cli.Clustering;

/// <summary>
/// The order of Python's <c>sorted</c> on str keys, which cluster_for_OD.py uses for its rows: by Unicode code
/// point. Ordinal order compares UTF-16 units instead, which puts characters above U+FFFF (surrogate pairs) before
/// U+E000–U+FFFF; Python puts them after.
/// </summary>
internal sealed class PythonStringOrder : IComparer<string>
{
    public static readonly PythonStringOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }
        var left = x.EnumerateRunes();
        var right = y.EnumerateRunes();
        while (true)
        {
            bool hasLeft = left.MoveNext();
            bool hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft.CompareTo(hasRight);
            }
            int order = left.Current.Value.CompareTo(right.Current.Value);
            if (order != 0)
            {
                return order;
            }
        }
    }
}
