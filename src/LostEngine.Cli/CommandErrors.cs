using System.CommandLine;
using LostEngine.Cli.Outputs;
using LostEngine.Model;

namespace LostEngine.Cli;

/// <summary>
/// The one place that turns a command's failure into an exit code and a single line on stderr, so every
/// command reports errors alike: bad input (<see cref="LostInputException"/>) is exit 2, anything else exit 1
/// (running out of memory in the model with its own message, other failures with their type), and no stack trace
/// reaches the user.
/// </summary>
internal static class CommandErrors
{
    /// <summary>Runs <paramref name="action"/> and maps what it throws; use as <c>command.SetAction(r => CommandErrors.Run(r, Execute))</c>.</summary>
    public static int Run(ParseResult parseResult, Func<ParseResult, int> action)
    {
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return action(parseResult);
        }
        catch (LostInputException e)
        {
            error.WriteLine($"lost: {OneLine(e.Message)}");
            return ExitCodes.BadInput;
        }
        catch (ModelOutOfMemoryException e)
        {
            // The machine's limit, not a fault of the engine: the message says what ran out and what to change.
            error.WriteLine($"lost: {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("lost: interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (OutputWriteException e)
        {
            error.WriteLine($"lost: {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The operating system's reason says what to do; the .NET type name would not.
            error.WriteLine($"lost: {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            error.WriteLine($"lost: {e.GetType().Name}: {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
    }

    // A message that spans lines would break scripts that read the first line of stderr.
    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
