using System.CommandLine;

namespace LostEngine.Cli.Commands;

/// <summary>Every subcommand of <c>lost</c>, in the order the help lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return KeysCommand.Create();
        yield return BenchCommand.Create();
    }
}
