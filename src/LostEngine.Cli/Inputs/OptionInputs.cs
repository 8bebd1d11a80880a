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

    /// <summary>Runs <paramref name="use"/>, which also reads other inputs, naming <paramref name="option"/> in the errors about <paramref name="path"/> alone.</summary>
    /// <exception cref="LostInputException">What <paramref name="use"/> threw, prefixed with <paramref name="option"/> when it names <paramref name="path"/>.</exception>
    public static T Use<T>(string option, string path, Func<T> use)
    {
        try
        {
            return use();
        }
        catch (LostInputException e) when (e.InputName == path)
        {
            throw new LostInputException(option, e.Message, e);
        }
    }
}
