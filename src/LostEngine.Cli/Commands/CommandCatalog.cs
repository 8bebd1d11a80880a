using System.CommandLine;

namespace LostEngine.Cli.Commands;

/// <summary>Every subcommand of <c>lost</c>, in the order the help lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return FeaturesCommand.Create();
        yield return LocalizeCommand.Create();
        yield return BenchCommand.Create();
    }
}
