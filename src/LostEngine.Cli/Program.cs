using System.CommandLine;
using LostEngine.Cli.Catalog;
using LostEngine.Cli.Commands;

namespace LostEngine.Cli;

/// <summary>Entry point of the <c>lost</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Builds the command tree; tests call this to run the tool in process.</summary>
    public static RootCommand BuildRoot() => BuildRoot(ModelSources.OfProcess());

    /// <summary>The command tree, taking catalogue models from <paramref name="sources"/>.</summary>
    internal static RootCommand BuildRoot(ModelSources sources)
    {
        var root = new RootCommand("LostEngine: find the main object of an image with no labels (LOST on DINO keys). " + ExitCodes.Help);
        foreach (var command in CommandCatalog.All(sources))
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    /// <summary>Runs the tool with the given arguments and returns its exit code.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A command line that does not parse (unknown option, missing
    /// argument, a value of the wrong type) is bad input, so it exits with <see cref="ExitCodes.BadInput"/>
    /// rather than System.CommandLine's generic 1.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, ModelSources.OfProcess());

    /// <summary>Parses and runs <paramref name="args"/>, taking catalogue models from <paramref name="sources"/>.</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, ModelSources sources)
    {
        var parseResult = BuildRoot(sources).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                error.WriteLine($"lost: {parseError.Message}");
            }
            error.WriteLine("Run 'lost --help' (or 'lost COMMAND --help') for usage.");
            return ExitCodes.BadInput;
        }
        return parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
