using System.CommandLine;
using LostEngine.Model;

namespace LostEngine.Cli.Commands;

/// <summary>The options every model-running command shares, built fresh for each command.</summary>
internal static class ModelCommandOptions
{
    public static Option<string> Model() => new("--model")
    {
        Description = "The ONNX model exported by src/export/export_dino_onnx.py.",
        Required = true,
    };

    public static Option<string> ExecutionProvider() => new("--ep")
    {
        Description = "Execution provider: cpu, cuda, tensorrt or auto (tries tensorrt, cuda, then cpu).",
        DefaultValueFactory = _ => "cpu",
    };

    public static Option<string> Features() => new("--features")
    {
        Description = "Which features of the last block: k (keys, the paper's), q or v.",
        DefaultValueFactory = _ => "k",
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "ONNX Runtime intra-op threads (0 = one per physical core).",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>Runs a command body, turning bad input into exit code 2 with its message on standard error.</summary>
    public static int Guard(ParseResult parseResult, Func<TextWriter, int> body)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return body(output);
        }
        catch (LostInputException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>Model options from the shared command-line options.</summary>
    public static ModelOptions ToModelOptions(string ep, int threads) => new()
    {
        ExecutionProvider = ExecutionProviderNames.Parse(ep, "--ep"),
        IntraOpThreads = threads,
    };
}
