using System.CommandLine;
using LostEngine.Kernel;

namespace LostEngine.Cli;

/// <summary>
/// The options that choose how the kernel runs (<c>--kernel</c>, <c>--backend</c>, <c>--threads</c>), shared by
/// every command that runs it so they read and fail the same way.
/// </summary>
internal sealed class KernelOptionArguments
{
    public Option<string> Kernel { get; } = new("--kernel")
    {
        HelpName = "auto|v512|v256|scalar",
        Description = "SIMD width of the kernel: auto, v512, v256 or scalar.",
        DefaultValueFactory = _ => "auto",
    };

    public Option<string> Backend { get; } = new("--backend")
    {
        HelpName = "managed|cblas",
        Description = "Similarity backend of the degree pass: managed or cblas.",
        DefaultValueFactory = _ => "managed",
    };

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = $"Threads for the similarity pass, 1 to {LostKernelOptions.MaxThreads}.",
        DefaultValueFactory = _ => 1,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Kernel);
        command.Options.Add(Backend);
        command.Options.Add(Threads);
    }

    /// <exception cref="LostInputException">A value is not one of the choices, or the thread count is below 1 or above
    /// <see cref="LostKernelOptions.MaxThreads"/>.</exception>
    public LostKernelOptions Read(ParseResult parseResult)
    {
        var options = new LostKernelOptions(
            ParseWidth(parseResult.GetValue(Kernel) ?? "auto"), ParseBackend(parseResult.GetValue(Backend) ?? "managed"), parseResult.GetValue(Threads));
        // The workspace would refuse it too, but naming its parameter rather than the option the user typed.
        OptionNames.Check(options.Validate);
        return options;
    }

    public static KernelWidth ParseWidth(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => KernelWidth.Auto,
        "v512" => KernelWidth.Vector512,
        "v256" => KernelWidth.Vector256,
        "scalar" => KernelWidth.Scalar,
        _ => throw new LostInputException("--kernel", $"'{text}' is not one of auto, v512, v256, scalar."),
    };

    public static SimilarityBackend ParseBackend(string text) => text.Trim().ToLowerInvariant() switch
    {
        "managed" => SimilarityBackend.Managed,
        "cblas" => SimilarityBackend.Cblas,
        _ => throw new LostInputException("--backend", $"'{text}' is not one of managed, cblas."),
    };

    /// <summary>The short name the options accept for a width, e.g. "v256".</summary>
    public static string WidthName(KernelWidth width) => width switch
    {
        KernelWidth.Auto => "auto",
        KernelWidth.Vector512 => "v512",
        KernelWidth.Vector256 => "v256",
        KernelWidth.Scalar => "scalar",
        _ => throw new InvalidOperationException($"Unknown width {width}."),
    };
}
