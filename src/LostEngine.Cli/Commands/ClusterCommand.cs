using System.CommandLine;
using LostEngine.Cli.Catalog;
using LostEngine.Cli.Clustering;
using LostEngine.Cli.Outputs;
using LostEngine.Cli.Runs;
using LostEngine.Clustering;
using LostEngine.Clustering.Features;
using LostEngine.Datasets;
using LostEngine.Evaluation;
using LostEngine.Model;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost cluster --predictions PREDS.json (--features F.npy... | --images DIR --model M) --output CLUSTERS.json</c>:
/// pseudo-classes for the boxes, by k-means on their features, as cluster_for_OD.py makes them; the features read
/// from files or extracted from the images (resumable, in shards).
/// </summary>
internal static class ClusterCommand
{
    /// <param name="sources">Where catalogue models come from.</param>
    /// <param name="afterBox">Called after each box of an extraction, with the run's stop; tests stop a run at a chosen box with it.</param>
    internal static Command Create(ModelSources sources, Action<BoxFeatureProgress, SignalStop>? afterBox = null)
    {
        var predictions = new Option<string>(BoxedImages.Option)
        {
            Description = "The predictions map lost localize writes (image → [x1, y1, x2, y2] or null); the images with a box are clustered, in Python's sorted order of their names.",
            Required = true,
        };
        var features = new Option<string[]>(NpyFeatureSource.OptionName)
        {
            HelpName = "F.npy",
            Description = "The boxes' features, float32 or float64, shape (images, d): one file in sorted name order, or several files with the sidecars "
                + "--features-out writes (such as the parts of --shard), matched to the images by name.",
            AllowMultipleArgumentsPerToken = true,
        };
        var images = new ImageSourceOptions();
        var clustering = new ClusterOptions();
        var output = new Option<string?>("--output")
        {
            Description = "Where to write the clusters: labels, images, centres, inertia, k, seed, init and per_image (image → pseudo_label, predicted_bb).",
        };
        var command = new Command("cluster", "Cluster the boxes of a predictions map into pseudo-classes by k-means on their features, as the reference's cluster_for_OD.py does. " + ExitCodes.Help);
        command.Options.Add(predictions);
        command.Options.Add(features);
        images.AddTo(command);
        clustering.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse => CommandErrors.Run(parse, _ =>
        {
            string predictionsPath = parse.GetValue(predictions)!;
            string? outputPath = parse.GetValue(output) is { Length: > 0 } o ? o : null;
            string[] featurePaths = parse.GetValue(features) ?? [];
            var extraction = images.Read(parse, featurePaths.Length > 0, outputPath is not null);
            ClusteringOptions options = clustering.Read(parse);
            if (extraction is not null && outputPath is null && clustering.FirstGiven(parse) is { } given)
            {
                throw new LostInputException(given, "does not apply to --shard, which clusters nothing; give it when clustering the parts with --features PART0.npy PART1.npy ....");
            }
            if (extraction is not null)
            {
                return Extract(parse, predictionsPath, extraction, outputPath, options, sources, afterBox);
            }
            if (outputPath is null)
            {
                throw new LostInputException("--output", "is required: where to write the clusters.");
            }
            IClusterFeatureSource source = new FeatureFileSet(featurePaths);
            OutputChecks.Require([new OutputLocation("--output", outputPath, OutputKind.File)], [predictionsPath, .. source.InputFiles]);
            BoxedImages boxed = BoxedImages.Read(predictionsPath);
            Cluster(parse, boxed, source.Load(boxed), options, source.Option, outputPath);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Extracts the features of the boxes from the images, writes them if asked, and clusters them unless sharded or stopped.</summary>
    private static int Extract(ParseResult parse, string predictionsPath, ImageSourceOptions.Settings settings, string? outputPath,
        ClusteringOptions options, ModelSources sources, Action<BoxFeatureProgress, SignalStop>? afterBox)
    {
        var error = parse.InvocationConfiguration.Error;
        BoxedImages all = BoxedImages.Read(predictionsPath);
        BoxedImages boxed = settings.Shard.Count > 1 ? ShardOf(all, settings.Shard) : all;
        if (outputPath is not null)
        {
            ClusterOptions.Check(all.Names.Count, options);
        }
        OutputChecks.Require(
            [.. outputPath is null ? [] : new[] { new OutputLocation("--output", outputPath, OutputKind.File) },
                .. settings.FeaturesOut is null ? [] : FeatureOutput.Locations(settings.FeaturesOut)],
            [predictionsPath, settings.Model]);
        string modelPath = ModelArgument.Resolve(settings.Model, sources, settings.Progress, error);
        using var dino = DinoModel.Load(modelPath, settings.ModelOptions);
        using var extractor = new BoxFeatureExtractor(dino);
        // The model's digest names it in the features' sidecar; hashing a model of gigabytes for no sidecar would waste seconds.
        var model = settings.FeaturesOut is null ? null : FeatureModel.Of(settings.Model, modelPath);
        var earlier = settings.Resume ? FeatureOutput.ReadEarlier(settings.FeaturesOut!, model!, extractor.Dim) : null;

        using var stop = new SignalStop();
        string title = settings.Shard.Count > 1 ? $"box features (shard {settings.Shard})" : "box features";
        var result = BoxFeatureRun.Execute(extractor, boxed, settings.Folder, earlier, title, settings.Progress, error, stop, afterBox);
        if (settings.FeaturesOut is { } featuresOut)
        {
            FeatureOutput.Write(featuresOut, result, model!);
        }
        string stopped = result.Cancelled ? "stopped early; " : "";
        string written = settings.FeaturesOut is null ? "" : $"; features in {settings.FeaturesOut}";
        error.WriteLine($"{stopped}{result.Names.Count - result.Reused} boxes described, {result.Reused} already done, {result.Failures.Count} failed "
            + $"of {boxed.Names.Count}{written}");
        RunReport.WriteFailures(error, result.Failures, null);
        if (result.Cancelled)
        {
            return result.ExitCode;
        }
        if (outputPath is null)
        {
            OneLineJson.WriteObject(parse.InvocationConfiguration.Output, json =>
            {
                json.WriteString("shard", settings.Shard.ToString());
                json.WriteNumber("images", boxed.Names.Count);
                json.WriteNumber("rows", result.Names.Count);
                json.WriteNumber("reused", result.Reused);
                json.WriteNumber("failed", result.Failures.Count);
                json.WriteNumber("dims", result.Dims);
                json.WriteString("features_out", settings.FeaturesOut);
            });
            return result.ExitCode;
        }
        if (result.Names.Count == 0)
        {
            error.WriteLine($"lost: every image failed, so nothing was clustered and --output '{outputPath}' was not written.");
            return ExitCodes.PartlyFailed;
        }
        var rows = FeatureRows.FromSingle(result.Values, result.Names.Count, result.Dims);
        Cluster(parse, new BoxedImages(result.Names, result.Boxes), rows, options, BoxFeatureRun.ImagesOption, outputPath);
        return result.ExitCode;
    }

    private static BoxedImages ShardOf(BoxedImages all, ShardSpec shard)
    {
        var part = shard.Select(Enumerable.Range(0, all.Names.Count), i => all.Names[i]).Order().ToArray();
        return new BoxedImages(part.Select(i => all.Names[i]).ToArray(), part.Select(i => all.Boxes[i]).ToArray());
    }

    private static void Cluster(ParseResult parse, BoxedImages images, FeatureRows rows, ClusteringOptions options, string sourceOption, string outputPath)
    {
        ClusteringResult result = ClusterOptions.Run(rows, options, sourceOption);
        var clustered = new ClusteredBoxes(images.Names, images.Boxes, result, options.Seed, options.Initialization);
        OutputWrites.Guard("--output", outputPath, () => ClusteredBoxesWriter.Write(outputPath, clustered));
        OneLineJson.WriteObject(parse.InvocationConfiguration.Output, json =>
        {
            json.WriteNumber("images", rows.Rows);
            json.WriteNumber("dims", rows.Dims);
            json.WriteNumber("k", result.K);
            json.WriteString("init", ClusteredBoxesWriter.NameOf(options.Initialization));
            json.WriteNumber("seed", options.Seed);
            json.WriteNumber("inertia", result.Inertia);
            json.WriteNumber("empty_cluster_steps", result.EmptyClusterSteps);
            json.WriteStartArray("cluster_sizes");
            for (int c = 0; c < result.K; c++)
            {
                json.WriteNumberValue(result.Labels.Count(label => label == c));
            }
            json.WriteEndArray();
            json.WriteString("output", outputPath);
        });
    }
}
