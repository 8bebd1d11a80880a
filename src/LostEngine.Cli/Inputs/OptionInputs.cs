namespace LostEngine.Cli.Inputs;

/// <summary>
/// Reads a file an option names. The library's readers name the file they refuse; the user typed an option, so the
/// error names both: <c>--detections: results.json: entry 3: "score" ...</c>.
/// </summary>
internal static class OptionInputs
{
    /// <exception cref="LostInputException">What <paramref name="read"/> threw, prefixed with <paramref name="option"/>.</exception>
    public static T Read<T>(string option, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (LostInputException e) when (e.InputName != option)
        {
            throw new LostInputException(option, e.Message, e);
        }
    }
}
