namespace LostEngine.Evaluation;

/// <summary>
/// What a run's results depend on, as names and values (the tool uses its option names: <c>--method</c> →
/// <c>lost</c>), kept in the first line of its <see cref="ResumeJournal"/> so that a run resumed with other values
/// can be refused rather than mix two configurations in one map.
/// </summary>
public sealed class JournalSettings
{
    private readonly KeyValuePair<string, string>[] _entries;

    /// <summary>The settings, in the order given.</summary>
    /// <exception cref="ArgumentException">A name is empty or given twice.</exception>
    public JournalSettings(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = [.. entries];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in _entries)
        {
            if (string.IsNullOrEmpty(name) || value is null || !seen.Add(name))
            {
                throw new ArgumentException($"setting names must be non-empty and distinct, with a value: '{name}'", nameof(entries));
            }
        }
    }

    /// <summary>The settings, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries => _entries;

    /// <summary>The value of <paramref name="name"/>, or null when it is not set.</summary>
    public string? ValueOf(string name)
    {
        foreach (var (key, value) in _entries)
        {
            if (key == name)
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>The names whose values differ in <paramref name="other"/>, or that only one of the two sets, in order.</summary>
    public IReadOnlyList<string> DifferingNames(JournalSettings other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _entries.Select(e => e.Key)
            .Concat(other._entries.Select(e => e.Key).Where(name => ValueOf(name) is null))
            .Where(name => ValueOf(name) != other.ValueOf(name))
            .ToArray();
    }
}
