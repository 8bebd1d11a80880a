using System.CommandLine;

namespace LostEngine.Cli.Commands;

/// <summary>Every subcommand of <c>lost</c>, in the order the help lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return LocalizeCommand.Create();
        yield return KeysCommand.Create();
        yield return FeaturesCommand.Create();
        yield return EvaluateCommand.Create();
        yield return MergeCommand.Create();
        yield return BenchCommand.Create();
    }
}
