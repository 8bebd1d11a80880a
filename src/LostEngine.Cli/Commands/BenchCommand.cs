using System.CommandLine;

namespace LostEngine.Cli.Commands;

/// <summary><c>lost bench ...</c>: the parent of the measurement subcommands, one line each.</summary>
internal static class BenchCommand
{
    internal static Command Create()
    {
        var command = new Command("bench", "Measure the engine on synthetic inputs.");
        command.Subcommands.Add(BenchPipelineCommand.Create());
        return command;
    }
}
