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
}
