namespace LostEngine.IO;

/// <summary>
/// A value of the tiny Python-literal subset a .npy header is written in: strings, integers, booleans,
/// None, tuples, lists and dicts with string keys.
/// </summary>
internal abstract record PythonLiteral
{
    /// <summary>A short description for error messages, e.g. "the string '&lt;f4'" or "a tuple".</summary>
    public abstract string Describe();
}

internal sealed record PythonString(string Value) : PythonLiteral
{
    public override string Describe() => $"the string '{Value}'";
}

internal sealed record PythonInteger(long Value) : PythonLiteral
{
    public override string Describe() => $"the integer {Value}";
}

internal sealed record PythonBoolean(bool Value) : PythonLiteral
{
    public override string Describe() => Value ? "True" : "False";
}

internal sealed record PythonNone : PythonLiteral
{
    public static PythonNone Instance { get; } = new();

    public override string Describe() => "None";
}

/// <summary>A tuple or a list; numpy writes shapes as tuples and structured dtypes as lists.</summary>
internal sealed record PythonSequence(IReadOnlyList<PythonLiteral> Items, bool IsTuple) : PythonLiteral
{
    public override string Describe() => IsTuple ? $"a tuple of {Items.Count}" : $"a list of {Items.Count}";
}

/// <summary>A dict with string keys, in the order written; a repeated key keeps its last value, as in Python.</summary>
internal sealed record PythonDict(IReadOnlyDictionary<string, PythonLiteral> Entries) : PythonLiteral
{
    public override string Describe() => "a dict";
}
