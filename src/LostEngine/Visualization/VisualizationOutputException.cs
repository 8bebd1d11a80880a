namespace LostEngine.Visualization;

/// <summary>
/// The output folder given for the figures cannot be created or written (it is a file, read-only, full).
/// An input error: the caller chose the folder, so the command-line tool reports it as bad input.
/// </summary>
public sealed class VisualizationOutputException : LostInputException
{
    /// <summary>Creates the error for <paramref name="path"/>, keeping the I/O error that revealed it.</summary>
    public VisualizationOutputException(string path, string message, Exception inner)
        : base("outputDirectory", $"'{path}' {message}", inner)
    {
        Path = path;
    }

    /// <summary>The folder or file that could not be written.</summary>
    public string Path { get; }
}
