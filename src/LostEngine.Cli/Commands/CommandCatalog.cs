using System.CommandLine;
using LostEngine.Cli.Catalog;

namespace LostEngine.Cli.Commands;

/// <summary>Every subcommand of <c>lost</c>, in the order the help lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All(ModelSources sources)
    {
        yield return LocalizeCommand.Create(sources);
        yield return KeysCommand.Create();
        yield return FeaturesCommand.Create(sources);
        yield return EvaluateCommand.Create(sources);
        yield return EvaluateClustersCommand.Create();
        yield return PseudoLabelsCommand.Create();
        yield return MergeCommand.Create();
        yield return ClusterCommand.Create(sources);
        yield return ModelCommand.Create(sources);
        yield return BenchCommand.Create(sources);
    }
}
