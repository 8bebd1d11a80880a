namespace LostEngine.Native;

/// <summary>
/// The environment variables the resolver reads and writes. Tests hand in a dictionary so that they
/// neither see nor change the process environment; the engine uses <see cref="ProcessBlasEnvironment"/>.
/// </summary>
public interface IBlasEnvironment
{
    /// <summary>The variable's value, or null when it is unset or empty.</summary>
    string? Get(string name);

    /// <summary>Sets the variable where a native library loaded afterwards reads it.</summary>
    void Set(string name, string value);
}
