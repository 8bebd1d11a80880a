using System.CommandLine;

namespace LostEngine.Cli.Bench;

/// <summary>The checks the bench options share, each failing with the option's name as the user typed it.</summary>
internal static class OptionChecks
{
    public static int AtLeast(int value, int minimum, string option) => value >= minimum
        ? value
        : throw new LostInputException(option, $"must be at least {minimum}, got {value}.");

    /// <summary>Whether the user typed <paramref name="option"/> (rather than it taking its default).</summary>
    public static bool IsGiven(ParseResult parseResult, Option option) => parseResult.GetResult(option) is { Implicit: false };

    /// <summary>
    /// Runs a kernel parameter check and renames the parameter it names to the option that set it
    /// (<c>tau</c> to <c>--tau</c>), so the one line on stderr names what the user can change.
    /// </summary>
    public static void AsOptions(Action validate)
    {
        try
        {
            validate();
        }
        catch (LostInputException e) when (e.InputName is "tau" or "eps" or "rounds")
        {
            throw new LostInputException("--" + e.InputName, e.Problem, e);
        }
    }
}
