using System.CommandLine;
using LostEngine.Pipeline;

namespace LostEngine.Cli;

/// <summary>An option that only some methods read.</summary>
/// <param name="Option">The option.</param>
/// <param name="Methods">The methods that read it.</param>
internal sealed record MethodOption(Option Option, params LocalizationMethod[] Methods);

/// <summary>
/// Refuses an option given with a method that never reads it: a user who passes <c>--k</c> with
/// <c>--method tokencut</c> expects it to change something, so ignoring it would hide the mistake.
/// </summary>
internal static class MethodOptionRules
{
    /// <exception cref="LostInputException">An option of <paramref name="rules"/> was typed, and <paramref name="method"/> is not one of its methods.</exception>
    public static void RejectInapplicable(ParseResult parse, LocalizationMethod method, IEnumerable<MethodOption> rules)
    {
        foreach (var rule in rules)
        {
            if (!rule.Methods.Contains(method) && parse.GetResult(rule.Option) is { Implicit: false })
            {
                var names = rule.Methods.Select(m => m.Name()).ToArray();
                string methods = names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
                throw new LostInputException(rule.Option.Name, $"does not apply to --method {method.Name()}; it is an option of {methods}.");
            }
        }
    }
}
