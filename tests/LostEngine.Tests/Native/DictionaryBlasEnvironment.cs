using LostEngine.Native;

namespace LostEngine.Tests.Native;

/// <summary>An environment held in a dictionary, so resolver tests neither read nor change the process's.</summary>
internal sealed class DictionaryBlasEnvironment : IBlasEnvironment
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public DictionaryBlasEnvironment(params (string Name, string Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            _values[name] = value;
        }
    }

    public List<string> Writes { get; } = [];

    public string? Get(string name) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public void Set(string name, string value)
    {
        _values[name] = value;
        Writes.Add($"{name}={value}");
    }
}
