using System.CommandLine;

namespace LostEngine.Cli.Evaluation;

/// <summary>Turns the errors of an evaluation command into a message and an exit code, never a crash.</summary>
internal static class CommandFailure
{
    public static int Run(ParseResult parse, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (LostInputException e)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
