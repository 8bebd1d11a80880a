namespace LostEngine.Tests.Reference;

/// <summary>
/// Finds the shared reference cases: <c>../shared/reference/lost-cases</c> from the repository root, the
/// folder holding LostEngine.sln above the test binaries.
/// </summary>
public static class ReferenceCaseFolder
{
    // Static initialisers run in text order: the root must be found before the folder below it.

    /// <summary>The folder holding LostEngine.sln, or null.</summary>
    public static string? RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The folder of cases, or null where this checkout has none.</summary>
    public static string? Path { get; } = Locate("lost-cases");

    /// <summary>Why tests that need the cases are skipped.</summary>
    public static string MissingMessage =>
        $"Reference cases not found: expected ../shared/reference/lost-cases next to the repository root ({RepositoryRoot ?? "no LostEngine.sln above " + AppContext.BaseDirectory}).";

    /// <summary>Stems of every case (NAME for NAME.json and NAME.npy), sorted; empty where the folder is absent.</summary>
    public static IReadOnlyList<string> CaseNames { get; } = Names(Path);

    /// <summary>The stems of the cases in <paramref name="folder"/>, sorted; empty for no folder.</summary>
    public static IReadOnlyList<string> Names(string? folder) => folder is null
        ? []
        : Directory.GetFiles(folder, "*.json").Select(f => System.IO.Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToArray();

    private static string? FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "LostEngine.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    /// <summary><c>../shared/reference/NAME</c> beside the repository root, or null where it is absent or empty.</summary>
    public static string? Locate(string name)
    {
        if (RepositoryRoot is null)
        {
            return null;
        }
        string folder = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared", "reference", name));
        return Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.json").Any() ? folder : null;
    }
}

/// <summary>A theory over the reference cases that is skipped, saying why, where the cases are absent.</summary>
public sealed class ReferenceTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the reference folder is missing.</summary>
    public ReferenceTheoryAttribute()
    {
        if (ReferenceCaseFolder.Path is null)
        {
            Skip = ReferenceCaseFolder.MissingMessage;
        }
    }
}
