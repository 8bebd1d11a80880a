namespace LostEngine.Cli.Outputs;

/// <summary>Whether an output is one file or a folder of files.</summary>
internal enum OutputKind
{
    /// <summary>One file, written whole or appended to.</summary>
    File,
    /// <summary>A folder the command writes files into.</summary>
    Folder,
}

/// <summary>A place a command writes to, with the option that named it.</summary>
/// <param name="Option">The option as the user typed it (<c>--output</c>); a file derived from one (the journal) names that one.</param>
/// <param name="Path">The path given.</param>
/// <param name="Kind">A file or a folder.</param>
internal sealed record OutputLocation(string Option, string Path, OutputKind Kind);
