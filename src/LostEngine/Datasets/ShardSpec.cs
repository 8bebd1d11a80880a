using System.Globalization;

namespace LostEngine.Datasets;

/// <summary>
/// One part of a run split over several processes or machines: part <see cref="Index"/> of
/// <see cref="Count"/>, 0-based, written <c>I/N</c>.
/// </summary>
/// <remarks>
/// The split sorts the image names by ordinal (byte-wise UTF-16) comparison, drops repeats, and gives
/// the image at sorted position <c>p</c> to part <c>p % N</c>. It depends only on the set of names, not
/// on the order a machine lists them in or on its culture, so every machine given the same image set
/// computes the same parts; the parts are disjoint, cover the set, and differ in size by at most one.
/// </remarks>
public sealed record ShardSpec
{
    /// <summary>The whole set as a single part.</summary>
    public static ShardSpec Whole { get; } = new(0, 1);

    /// <summary>Creates part <paramref name="index"/> of <paramref name="count"/>.</summary>
    /// <exception cref="LostInputException">The count is not positive or the index is not in [0, count).</exception>
    public ShardSpec(int index, int count)
    {
        if (count < 1)
        {
            throw new LostInputException("shard", $"the number of parts must be at least 1, not {count}");
        }
        if (index < 0 || index >= count)
        {
            throw new LostInputException("shard", $"the part index must be in [0, {count - 1}] (0-based), not {index}");
        }
        Index = index;
        Count = count;
    }

    /// <summary>The 0-based index of this part.</summary>
    public int Index { get; }

    /// <summary>How many parts the set is split into.</summary>
    public int Count { get; }

    /// <summary>Reads <c>I/N</c>, e.g. <c>0/4</c> for the first of four parts.</summary>
    /// <exception cref="LostInputException">The text is not two integers around a slash, or I is not in [0, N).</exception>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] fields = text.Split('/');
        if (fields.Length != 2
            || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw new LostInputException("shard", $"'{text}' is not of the form I/N with 0-based I, e.g. 0/4");
        }
        return new ShardSpec(index, count);
    }

    /// <summary>The names of this part, in ordinal order.</summary>
    public IReadOnlyList<string> Select(IEnumerable<string> names) => Select(names, name => name);

    /// <summary>The items of this part, keyed by <paramref name="nameOf"/>, in ordinal order of their names.</summary>
    public IReadOnlyList<T> Select<T>(IEnumerable<T> items, Func<T, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(nameOf);
        var unique = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (T item in items)
        {
            unique.TryAdd(nameOf(item), item);
        }
        string[] sorted = [.. unique.Keys];
        Array.Sort(sorted, StringComparer.Ordinal);
        var part = new List<T>(sorted.Length / Count + 1);
        for (int position = Index; position < sorted.Length; position += Count)
        {
            part.Add(unique[sorted[position]]);
        }
        return part;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}
