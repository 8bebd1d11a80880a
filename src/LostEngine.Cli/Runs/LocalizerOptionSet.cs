using System.CommandLine;
using LostEngine.Cli.Catalog;
using LostEngine.Cli.Commands;
using LostEngine.Cli.Progress;
using LostEngine.Kernel;
using LostEngine.Model;
using LostEngine.Pipeline;

namespace LostEngine.Cli.Runs;

/// <summary>The options that build a <see cref="LostLocalizer"/>, shared by <c>localize</c> and <c>evaluate --model</c>.</summary>
internal sealed class LocalizerOptionSet
{
    private readonly ModelSources _sources;

    public LocalizerOptionSet(bool modelRequired, ModelSources sources)
    {
        Model = ModelCommandOptions.Model();
        Model.Required = modelRequired;
        _sources = sources;
    }

    public Option<string> Model { get; }

    public Option<string> ExecutionProvider { get; } = ModelCommandOptions.ExecutionProvider();

    public Option<string> Features { get; } = ModelCommandOptions.Features();

    public Option<int> Threads { get; } = ModelCommandOptions.Threads();

    public Option<int> K { get; } = new("--k") { Description = "lost: the number of potentials (k_patches).", DefaultValueFactory = _ => 100 };

    public Option<string> Method { get; } = new("--method")
    {
        HelpName = "lost|tokencut|maskcut|dinoseg",
        Description = "lost, tokencut, maskcut (several objects; the first is the image's box), or the dinoseg baseline.",
        DefaultValueFactory = _ => "lost",
    };

    public NcutOptionArguments Ncut { get; } = new();

    public Option<int> DinoSegHead { get; } = new("--dinoseg-head") { Description = "dinoseg: the attention head it reads (the reference's 4).", DefaultValueFactory = _ => DinoSeg.DefaultHead };

    public Option<int?> MaxSide { get; } = new("--max-side")
    {
        HelpName = "N",
        Description = "Downscale an image whose longer side is above N pixels to N before the model (aspect kept, area average); boxes are still in the original pixels.",
    };

    public Option<bool> DinoSegCompat { get; } = new("--dinoseg-reference-compat") { Description = "dinoseg: reproduce the reference loop that never considers its last component." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Model, ExecutionProvider, Features, Threads, K, Method, DinoSegHead, DinoSegCompat, MaxSide })
        {
            command.Options.Add(option);
        }
        Ncut.AddTo(command);
    }

    /// <summary>Whether a model was named (for commands where it is optional).</summary>
    public bool IsGiven(ParseResult parse) => parse.GetValue(Model) is { Length: > 0 };

    /// <summary>
    /// The localizer the options describe, checked first, then with the model a catalogue name stands for pulled
    /// (progress shown as <paramref name="mode"/> says), so a mistyped option never waits for a download.
    /// </summary>
    /// <exception cref="LostInputException">An option is invalid or does not apply to the chosen method; the message names the option.</exception>
    public LocalizerOptions Read(ParseResult parse, ProgressMode mode)
    {
        var method = LocalizationMethods.Parse(parse.GetValue(Method), "--method");
        MethodOptionRules.RejectInapplicable(parse, method,
        [
            new(K, LocalizationMethod.Lost),
            new(Features, LocalizationMethod.Lost, LocalizationMethod.TokenCut, LocalizationMethod.MaskCut),
            new(DinoSegHead, LocalizationMethod.DinoSeg),
            new(DinoSegCompat, LocalizationMethod.DinoSeg),
            .. Ncut.Rules,
        ]);
        var options = new LocalizerOptions
        {
            ModelPath = parse.GetValue(Model) ?? throw new LostInputException("--model", "is required."),
            ExecutionProvider = ExecutionProviderNames.Parse(parse.GetValue(ExecutionProvider), "--ep"),
            Features = FeatureKinds.Parse(parse.GetValue(Features), "--features"),
            IntraOpThreads = parse.GetValue(Threads),
            // The kernel shares the model's threads: it runs after the model, never beside it.
            Kernel = new LostKernelOptions(Threads: Math.Max(1, parse.GetValue(Threads))),
            KPatches = parse.GetValue(K),
            Method = method,
            DinoSegHead = parse.GetValue(DinoSegHead),
            DinoSegReferenceCompatible = parse.GetValue(DinoSegCompat),
            Tau = parse.GetValue(Ncut.Tau),
            Eps = parse.GetValue(Ncut.Eps),
            Rounds = parse.GetValue(Ncut.Rounds),
            MaxSide = parse.GetValue(MaxSide),
        };
        OptionNames.Check(options.Validate);
        return options with { ModelPath = ModelArgument.Resolve(options.ModelPath, _sources, mode, parse.InvocationConfiguration.Error) };
    }

    /// <summary>The localizer of <paramref name="options"/>, its checks against the model naming the options.</summary>
    public static LostLocalizer Open(LocalizerOptions options) => OptionNames.Check(() => new LostLocalizer(options));
}
