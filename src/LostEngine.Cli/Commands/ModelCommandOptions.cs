using System.CommandLine;
using LostEngine.Model;

namespace LostEngine.Cli.Commands;

/// <summary>The options every model-running command shares, built fresh for each command.</summary>
internal static class ModelCommandOptions
{
    public static Option<string> Model() => new("--model")
    {
        Description = "The ONNX model (exported by src/export/export_dino_onnx.py), or a model of the catalogue such as dinov2-vits14-reg, pulled into the cache on first use ('lost model list').",
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
        Description = $"Threads of the model (ONNX Runtime intra-op; 0 = one per physical core) and of the kernel (0 = 1), at most {ModelOptions.MaxIntraOpThreads}.",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>Model options from the shared command-line options.</summary>
    /// <exception cref="LostInputException">An option is invalid; the message names it as typed.</exception>
    public static ModelOptions ToModelOptions(string ep, int threads)
    {
        var options = new ModelOptions
        {
            ExecutionProvider = ExecutionProviderNames.Parse(ep, "--ep"),
            IntraOpThreads = threads,
        };
        OptionNames.Check(options.Validate);
        return options;
    }
}
