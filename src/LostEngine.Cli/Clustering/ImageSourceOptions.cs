using System.CommandLine;
using LostEngine.Cli.Commands;
using LostEngine.Cli.Progress;
using LostEngine.Cli.Runs;
using LostEngine.Datasets;
using LostEngine.Model;

namespace LostEngine.Cli.Clustering;

/// <summary>
/// <c>lost cluster</c>'s options for taking the features from the images (<c>--images DIR --model M</c>): the model's
/// execution, where the features go, resuming and shards; and the rules that say which apply with <c>--features</c>.
/// </summary>
internal sealed class ImageSourceOptions
{
    private readonly Option<string?> _images = new(BoxFeatureRun.ImagesOption)
    {
        HelpName = "DIR",
        Description = "The folder of the images: each image with a box is read from DIR/KEY (keys as lost localize --output writes them), "
            + "and its box's feature extracted with --model, as cluster_for_OD.py does. An image that fails is left out and listed (exit 3).",
    };

    private readonly Option<string> _model = ModelCommandOptions.Model();

    private readonly Option<string> _ep = ModelCommandOptions.ExecutionProvider();

    private readonly Option<int> _threads = ModelCommandOptions.Threads();

    private readonly Option<string?> _featuresOut = new(FeatureOutput.Option)
    {
        HelpName = "F.npy",
        Description = "Also write the extracted features, float32 (rows, d) in the clustered order, and the sidecar F.npy.json naming each row's image, box and model; "
            + "written on Ctrl-C too, with what was finished.",
    };

    private readonly Option<bool> _resume = new("--resume")
    {
        Description = "Reuse the rows --features-out already holds for the same model and box, and extract only the rest.",
    };

    private readonly Option<string?> _shard = new("--shard")
    {
        Description = "Extract only part I of N (0-based, written I/N, split as lost localize splits) into --features-out, and cluster nothing; "
            + "then cluster the parts together with --features PART0.npy PART1.npy ....",
    };

    private readonly Option<bool> _quiet = new("--quiet") { Description = "No progress display." };

    /// <summary>What the options ask for when the features come from the images.</summary>
    public sealed record Settings(string Folder, string Model, ModelOptions ModelOptions, string? FeaturesOut, bool Resume, ShardSpec Shard, ProgressMode Progress);

    public ImageSourceOptions() => _model.Required = false;

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _images, _model, _ep, _threads, _featuresOut, _resume, _shard, _quiet })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings when <c>--images</c> was given, or null when the features come from <c>--features</c>.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="hasFeatures">Whether <c>--features</c> was given.</param>
    /// <param name="hasOutput">Whether <c>--output</c> was given.</param>
    /// <exception cref="LostInputException">The options do not make one source, or one does not apply to it; the message names the option.</exception>
    public Settings? Read(ParseResult parse, bool hasFeatures, bool hasOutput)
    {
        string? folder = parse.GetValue(_images);
        if (hasFeatures)
        {
            if (folder is not null)
            {
                throw new LostInputException(BoxFeatureRun.ImagesOption, "cannot be given with --features: the features come either from files (--features) or from the images (--images with --model).");
            }
            if (new Option[] { _model, _ep, _threads, _featuresOut, _resume, _shard }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } extra)
            {
                throw new LostInputException(extra.Name, "applies only with --images, where the features are extracted from the images; --features gives them ready.");
            }
            return null;
        }
        if (folder is null)
        {
            throw new LostInputException(NpyFeatureSource.OptionName, "is required, or --images with --model to extract the features from the images.");
        }
        string model = parse.GetValue(_model) is { Length: > 0 } m ? m
            : throw new LostInputException("--model", "is required with --images: the model whose CLS token describes each box.");
        if (!Directory.Exists(folder))
        {
            throw new LostInputException(BoxFeatureRun.ImagesOption, $"'{folder}' is not a folder.");
        }
        string? featuresOut = parse.GetValue(_featuresOut) is { Length: > 0 } f ? f : null;
        bool resume = parse.GetValue(_resume);
        var shard = RunOptions.ParseShard(parse.GetValue(_shard));
        if (resume && featuresOut is null)
        {
            throw new LostInputException("--resume", "needs --features-out: the rows of the earlier run are read from it, and the rest added to it.");
        }
        bool sharded = parse.GetResult(_shard) is { Implicit: false };
        if (sharded && featuresOut is null)
        {
            throw new LostInputException("--shard", "needs --features-out, where the shard's features are written for lost cluster --features PART0.npy PART1.npy ... to cluster.");
        }
        if (sharded && hasOutput)
        {
            throw new LostInputException("--output", "does not apply to --shard, which extracts features and clusters nothing; cluster the parts with --features PART0.npy PART1.npy ... --output OUT.json.");
        }
        if (!sharded && !hasOutput)
        {
            throw new LostInputException("--output", "is required: where to write the clusters.");
        }
        var modelOptions = ModelCommandOptions.ToModelOptions(parse.GetValue(_ep)!, parse.GetValue(_threads));
        return new Settings(folder, model, modelOptions, featuresOut, resume, shard, parse.GetValue(_quiet) ? ProgressMode.Quiet : ProgressMode.Auto);
    }
}
