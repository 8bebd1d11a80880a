namespace LostEngine.Cli.Outputs;

/// <summary>Writes to an output named by an option, turning an I/O failure into an <see cref="OutputWriteException"/> naming it.</summary>
internal static class OutputWrites
{
    /// <summary>Runs <paramref name="write"/>, which writes <paramref name="path"/>, named by <paramref name="option"/>.</summary>
    /// <exception cref="OutputWriteException">The write failed for a reason of the file system.</exception>
    public static void Guard(string option, string path, Action write) => Guard(option, path, () =>
    {
        write();
        return 0;
    });

    /// <summary>Runs <paramref name="write"/>, which opens or writes <paramref name="path"/>, and returns what it returns.</summary>
    /// <exception cref="OutputWriteException">The write failed for a reason of the file system.</exception>
    public static T Guard<T>(string option, string path, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputWriteException(option, path, e);
        }
    }
}
