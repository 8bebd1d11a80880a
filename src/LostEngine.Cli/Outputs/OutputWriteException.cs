namespace LostEngine.Cli.Outputs;

/// <summary>
/// An output could not be written while a command ran (a full disk, a folder removed under it): not the caller's
/// input, so exit 1, but one line naming the option and the operating system's reason, never a .NET exception name.
/// </summary>
internal sealed class OutputWriteException : Exception
{
    public OutputWriteException(string option, string path, Exception inner, string? kept = null)
        : base($"{option}: cannot write '{path}': {IoErrorText.Of(inner)}{(kept is null ? "" : "; " + kept)}", inner)
    {
        Option = option;
        Path = path;
    }

    /// <summary>The option naming the output, as the user typed it.</summary>
    public string Option { get; }

    /// <summary>The file or folder that could not be written.</summary>
    public string Path { get; }

    /// <summary>The same error, saying what was kept and how to go on.</summary>
    public OutputWriteException Keeping(string kept) => new(Option, Path, InnerException!, kept);
}
