using System.CommandLine;
using LostEngine.Cli.Progress;
using LostEngine.Datasets;
using LostEngine.Pipeline;
using LostEngine.Runs;
using LostEngine.Visualization;

namespace LostEngine.Cli.Runs;

/// <summary>The options of every command that runs the model over many images: resume, shards, logs, pictures, progress.</summary>
internal sealed class RunOptions
{
    public Option<bool> Resume { get; } = new("--resume")
    {
        Description = "Continue the run that wrote --output: images finished in its journal are skipped, none counted twice, failed ones tried again; "
            + "refused if the journal was written with other options. With no journal yet, the run simply starts.",
    };

    public Option<bool> Overwrite { get; } = new("--overwrite")
    {
        Description = "Start over on an --output that holds finished work, discarding it; without --resume or --overwrite such a run is refused.",
    };

    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "Run only part I of N (0-based, written I/N) of the image list; the split is the same on every machine.",
    };

    public Option<string?> Log { get; } = new("--log")
    {
        Description = "Append one JSON line per image to this file as each image finishes.",
    };

    public Option<string?> Visualize { get; } = new("--visualize")
    {
        Description = "Draw pictures of each result, comma-separated for several: lost draws pred, fms, seed_expansion; tokencut pred, attn; maskcut pred.",
    };

    public Option<string?> VisDir { get; } = new("--vis-dir")
    {
        Description = "Folder for the --visualize pictures.",
    };

    public Option<bool> Quiet { get; } = new("--quiet")
    {
        Description = "No progress display.",
    };

    public Option<int> Prefetch { get; } = new("--prefetch")
    {
        Description = "Images decoded ahead of the model.",
        DefaultValueFactory = _ => DatasetRunner.DefaultPrefetch,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Resume);
        command.Options.Add(Overwrite);
        command.Options.Add(Shard);
        command.Options.Add(Log);
        command.Options.Add(Visualize);
        command.Options.Add(VisDir);
        command.Options.Add(Quiet);
        command.Options.Add(Prefetch);
    }

    /// <summary>Whether the run resumes or overwrites the finished work of <c>--output</c>.</summary>
    /// <exception cref="LostInputException">Both were given, or one without an output to keep a journal beside.</exception>
    public (bool Resume, bool Overwrite) ContinuationOf(ParseResult parse, string? predictionsPath)
    {
        bool resume = parse.GetValue(Resume), overwrite = parse.GetValue(Overwrite);
        if (resume && overwrite)
        {
            throw new LostInputException("--overwrite", "contradicts --resume: give one, to start over or to continue.");
        }
        if ((resume || overwrite) && predictionsPath is null)
        {
            throw new LostInputException(resume ? "--resume" : "--overwrite", "needs --output: the journal of finished work lives beside it.");
        }
        return (resume, overwrite);
    }

    public ShardSpec ShardOf(ParseResult parse) => ParseShard(parse.GetValue(Shard));

    /// <summary>The part a <c>--shard</c> value names, the whole set when none was given.</summary>
    /// <exception cref="LostInputException">The value is not I/N with I in [0, N); the message names <c>--shard</c>.</exception>
    public static ShardSpec ParseShard(string? text) =>
        text is { Length: > 0 } ? OptionNames.Check(() => ShardSpec.Parse(text)) : ShardSpec.Whole;

    public ProgressMode ProgressOf(ParseResult parse) => parse.GetValue(Quiet) ? ProgressMode.Quiet : ProgressMode.Auto;

    /// <summary>The pictures asked for and their folder, or null when none were.</summary>
    /// <exception cref="LostInputException">The folder is missing, or a picture is not one of <paramref name="method"/>'s.</exception>
    public (VisualizationKind Kind, string Folder)? VisualizationOf(ParseResult parse, LocalizationMethod method)
    {
        string? kinds = parse.GetValue(Visualize);
        string? folder = parse.GetValue(VisDir);
        if (kinds is null)
        {
            return folder is null ? null : throw new LostInputException("--vis-dir", "needs --visualize to say which pictures to draw.");
        }
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new LostInputException("--visualize", "needs --vis-dir, the folder to write the pictures to.");
        }
        var kind = VisualizationKindNames.Parse(kinds, "--visualize");
        VisualizationKindNames.RequireDrawnBy(kind, method, "--visualize");
        return (kind, folder);
    }
}
