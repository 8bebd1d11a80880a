using System.CommandLine;
using LostEngine.Cli.Catalog;

namespace LostEngine.Cli.Commands;

/// <summary><c>lost bench ...</c>: the parent of the in-process speed measurements, one subcommand each.</summary>
internal static class BenchCommand
{
    internal static Command Create(ModelSources sources)
    {
        var bench = new Command("bench", "Measure the engine's speed on this machine.");
        foreach (var subcommand in Subcommands(sources))
        {
            bench.Subcommands.Add(subcommand);
        }
        return bench;
    }

    private static IEnumerable<Command> Subcommands(ModelSources sources)
    {
        yield return BenchKernelCommand.Create();
        yield return BenchTokenCutCommand.Create();
        yield return BenchMaskCutCommand.Create();
        yield return BenchPipelineCommand.Create(sources);
    }
}
