using System.CommandLine;
using LostEngine.Cli.Commands;

namespace LostEngine.Cli;

/// <summary>Entry point of the <c>lost</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Builds the command tree; tests call this to run the tool in process.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("LostEngine: find the main object of an image with no labels (LOST on DINO keys).");
        foreach (var command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    /// <summary>Runs the tool with the given arguments and returns its exit code.</summary>
    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();
}
