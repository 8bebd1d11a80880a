using System.CommandLine;
using LostEngine.Cli.Clustering;
using LostEngine.Cli.Outputs;
using LostEngine.Clustering;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost cluster --predictions PREDS.json --features F.npy --output CLUSTERS.json</c>: pseudo-classes for the
/// boxes, by k-means on their features, as cluster_for_OD.py makes them.
/// </summary>
internal static class ClusterCommand
{
    internal static Command Create()
    {
        var predictions = new Option<string>(BoxedImages.Option)
        {
            Description = "The predictions map lost localize writes (image → [x1, y1, x2, y2] or null); the images with a box are clustered, in Python's sorted order of their names.",
            Required = true,
        };
        var features = new Option<string>(NpyFeatureSource.OptionName)
        {
            HelpName = "F.npy",
            Description = "The boxes' features, float32 or float64, shape (images, d): one row per image with a box, in sorted name order.",
            Required = true,
        };
        var clustering = new ClusterOptions();
        var output = new Option<string>("--output")
        {
            Description = "Where to write the clusters: labels, images, centres, inertia, k, seed, init and per_image (image → pseudo_label, predicted_bb).",
            Required = true,
        };
        var command = new Command("cluster", "Cluster the boxes of a predictions map into pseudo-classes by k-means on their features, as the reference's cluster_for_OD.py does. " + ExitCodes.Help);
        command.Options.Add(predictions);
        command.Options.Add(features);
        clustering.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse => CommandErrors.Run(parse, _ =>
        {
            string predictionsPath = parse.GetValue(predictions)!;
            string outputPath = parse.GetValue(output)!;
            IClusterFeatureSource source = new NpyFeatureSource(parse.GetValue(features)!);
            ClusteringOptions options = clustering.Read(parse);
            OutputChecks.Require([new OutputLocation("--output", outputPath, OutputKind.File)], [predictionsPath, .. source.InputFiles]);
            BoxedImages images = BoxedImages.Read(predictionsPath);
            FeatureRows rows = source.Load(images);
            ClusteringResult result = ClusterOptions.Run(rows, options, source.Option);
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
            return ExitCodes.Success;
        }));
        return command;
    }
}
