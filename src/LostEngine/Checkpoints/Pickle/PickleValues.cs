using System.Globalization;

namespace LostEngine.Checkpoints;

// The values the unpickler builds. Python's None, bool, int, float and str are C# null, bool, long, double and
// string; everything else is one of these inert records: nothing here runs code or names a .NET type the file chose.

/// <summary>A Python tuple.</summary>
internal sealed class PickleTuple(object?[] items)
{
    public static PickleTuple Empty { get; } = new([]);

    public object?[] Items { get; } = items;
}

/// <summary>A Python list.</summary>
internal sealed class PickleList
{
    public List<object?> Items { get; } = [];
}

/// <summary>
/// A Python dict or <c>collections.OrderedDict</c> with str or int keys, in insertion order (a key set again keeps
/// its first place, as in Python).
/// </summary>
internal sealed class PickleDict(bool isOrderedDict)
{
    private readonly List<object> _keys = [];
    private readonly Dictionary<object, object?> _values = [];

    /// <summary>Built by <c>collections.OrderedDict()</c> rather than an empty-dict opcode.</summary>
    public bool IsOrderedDict { get; } = isOrderedDict;

    public int Count => _keys.Count;

    public IReadOnlyList<object> Keys => _keys;

    public object? this[object key] => _values[key];

    /// <summary>Sets an entry; false when the key is not a str or an int, which no state dict uses.</summary>
    public bool TrySet(object? key, object? value)
    {
        if (key is not (string or long))
        {
            return false;
        }
        if (!_values.ContainsKey(key))
        {
            _keys.Add(key);
        }
        _values[key] = value;
        return true;
    }

    public bool TryGetValue(string key, out object? value) => _values.TryGetValue(key, out value);

    public bool ContainsKey(string key) => _values.ContainsKey(key);
}

/// <summary>
/// An <c>argparse.Namespace</c> (DINO's training checkpoints keep the run's arguments in one): its attributes as
/// set by BUILD, never turned into anything else.
/// </summary>
internal sealed class PickleNamespace
{
    public PickleDict? Attributes { get; set; }
}

/// <summary>What a value is, in the words of an error message.</summary>
internal static class PickleDescription
{
    public static string Of(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        long n => string.Create(CultureInfo.InvariantCulture, $"the int {n}"),
        double => "a float",
        string s => $"the str '{Shorten(s)}'",
        PickleTuple t => string.Create(CultureInfo.InvariantCulture, $"a tuple of {t.Items.Length}"),
        PickleList l => string.Create(CultureInfo.InvariantCulture, $"a list of {l.Items.Count}"),
        PickleDict { IsOrderedDict: true } d => string.Create(CultureInfo.InvariantCulture, $"an OrderedDict of {d.Count}"),
        PickleDict d => string.Create(CultureInfo.InvariantCulture, $"a dict of {d.Count}"),
        PickleNamespace => "an argparse.Namespace",
        PickleGlobal g => $"the global {g.FullName}",
        StorageReference s => $"storage '{Shorten(s.Key)}'",
        TensorReference => "a tensor",
        _ => throw new InvalidOperationException($"Unknown pickle value {value.GetType()}."),
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
