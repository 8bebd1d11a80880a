using System.CommandLine;
using LostEngine.Clustering;

namespace LostEngine.Cli.Clustering;

/// <summary><c>lost cluster</c>'s clustering options, read into <see cref="ClusteringOptions"/> with errors naming them.</summary>
internal sealed class ClusterOptions
{
    private const long MaxSeed = uint.MaxValue;

    private readonly Option<int> _k = new("--k") { Description = "The number of clusters (cluster_for_OD.py's --nb_clusters).", DefaultValueFactory = _ => 20 };

    private readonly Option<long> _seed = new("--seed")
    {
        Description = $"Seeds numpy's legacy RandomState (MT19937), 0 to {MaxSeed} (cluster_for_OD.py's --random_seed).",
        DefaultValueFactory = _ => 123,
    };

    private readonly Option<string> _init = new("--init")
    {
        HelpName = "kmeans++|scipy",
        Description = "kmeans++: k-means++ seeding, --restarts runs to convergence, the least inertia kept. "
            + "scipy: the reference exactly (whiten, rows normalised, SciPy's kmeans2 with its defaults, numpy's RandomState seeded with --seed).",
        DefaultValueFactory = _ => "kmeans++",
    };

    private readonly Option<int> _restarts = new("--restarts")
    {
        Description = "kmeans++: how many seedings to run; the clustering of least inertia is kept.",
        DefaultValueFactory = _ => 10,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_k);
        command.Options.Add(_seed);
        command.Options.Add(_init);
        command.Options.Add(_restarts);
    }

    /// <summary>The first clustering option given on the command line, or null when all keep their defaults.</summary>
    public string? FirstGiven(ParseResult parse) =>
        new Option[] { _k, _seed, _init, _restarts }.FirstOrDefault(option => parse.GetResult(option) is { Implicit: false })?.Name;

    /// <exception cref="LostInputException">An option is out of range or does not apply to the --init chosen.</exception>
    public ClusteringOptions Read(ParseResult parse)
    {
        var initialization = parse.GetValue(_init) switch
        {
            "kmeans++" => ClusterInitialization.KMeansPlusPlus,
            "scipy" => ClusterInitialization.Scipy,
            var other => throw new LostInputException("--init", $"'{other}' is not an initialisation; use kmeans++ or scipy."),
        };
        if (initialization == ClusterInitialization.Scipy && parse.GetResult(_restarts) is { Implicit: false })
        {
            throw new LostInputException("--restarts", "does not apply to --init scipy, which runs kmeans2 once as the reference does; it is an option of kmeans++.");
        }
        long seed = parse.GetValue(_seed);
        if (seed is < 0 or > MaxSeed)
        {
            throw new LostInputException("--seed", $"must be from 0 to {MaxSeed} (numpy's seeds), not {seed}.");
        }
        int k = parse.GetValue(_k);
        if (k < 1)
        {
            throw new LostInputException("--k", $"must be at least 1, not {k}.");
        }
        return new ClusteringOptions { K = k, Seed = (uint)seed, Initialization = initialization, Restarts = parse.GetValue(_restarts) };
    }

    /// <summary>Runs the clustering, renaming a library input in what it throws to its option.</summary>
    public static ClusteringResult Run(FeatureRows features, ClusteringOptions options, string featuresOption) =>
        Named(() => BoxClustering.Run(features, options), featuresOption);

    /// <summary>Refuses options that cannot cluster <paramref name="rows"/> rows, naming the option, before any feature is extracted.</summary>
    public static void Check(int rows, ClusteringOptions options) => Named(() =>
    {
        BoxClustering.Validate(rows, options);
        return 0;
    }, BoxFeatureRun.ImagesOption);

    private static T Named<T>(Func<T> run, string featuresOption)
    {
        try
        {
            return run();
        }
        catch (LostInputException e) when (e.InputName is "k" or "restarts" or "init")
        {
            throw new LostInputException("--" + e.InputName, e.Problem, e);
        }
        catch (LostInputException e) when (e.InputName is "features")
        {
            throw new LostInputException(featuresOption, e.Problem, e);
        }
    }
}
