using System.CommandLine;
using LostEngine.Cli.Evaluation;
using LostEngine.Cli.Inputs;
using LostEngine.Cli.Outputs;
using LostEngine.Datasets;
using LostEngine.Evaluation;
using LostEngine.Evaluation.Detections;
using LostEngine.PseudoLabels;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost pseudo-labels</c>: a dataset's predicted boxes (and their clusters) as training data for a detector, in
/// COCO's instances format or the reference's detectron2 dataset-dicts file.
/// </summary>
internal static class PseudoLabelsCommand
{
    private const string Coco = "coco";
    private const string Detectron2Lost = "detectron2-lost";

    internal static Command Create()
    {
        var predictions = new Option<string?>("--predictions")
        {
            Description = "The boxes: the prediction map lost localize or lost evaluate --output writes.",
        };
        var dataset = new DatasetOptions();
        var clusters = new Option<string?>("--clusters")
        {
            Description = "The clusters file lost cluster writes: each box gets its cluster as its class (class-aware); without it every box is one class.",
        };
        var format = new Option<string?>("--format")
        {
            Description = "coco (a COCO instances file) or detectron2-lost (the reference's detectron2 dataset dicts).",
        };
        var output = new Option<string?>("--output")
        {
            Description = "The file to write.",
        };
        var command = new Command("pseudo-labels",
            "Write predicted boxes as pseudo-labels to train a detector (LOST+CAD; with --clusters, class-aware). " + ExitCodes.Help);
        command.Options.Add(predictions);
        dataset.AddTo(command);
        // Shared with evaluate, whose words do not fit here: the dataset is labelled, not scored, and nothing is dropped.
        dataset.Dataset.Description = "The dataset whose images are labelled: voc or coco.";
        dataset.NoHard.Hidden = true;
        command.Options.Add(clusters);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(parse => CommandErrors.Run(parse, _ =>
        {
            string predictionsPath = Required(parse, predictions, "the prediction map to take the boxes from");
            string kind = parse.GetValue(format)?.ToLowerInvariant() switch
            {
                Coco => Coco,
                Detectron2Lost => Detectron2Lost,
                null => throw new LostInputException(format.Name, $"is required: {Coco} or {Detectron2Lost}"),
                var other => throw new LostInputException(format.Name, $"'{other}' is not {Coco} or {Detectron2Lost}"),
            };
            string outputPath = Required(parse, output, "the file to write");
            string? clustersPath = parse.GetValue(clusters) is { Length: > 0 } c ? c : null;
            if (parse.GetResult(dataset.NoHard) is { Implicit: false })
            {
                throw new LostInputException(dataset.NoHard.Name, "does not apply to pseudo-labels: every image with a box is labelled");
            }
            OutputChecks.Require([new OutputLocation(output.Name, outputPath, OutputKind.File)],
                [predictionsPath, .. clustersPath is null ? Array.Empty<string>() : [clustersPath], .. dataset.InputFilesOf(parse)]);

            GroundTruthSet truth = dataset.Read(parse);
            bool voc = dataset.IsVoc(parse);
            PredictionMap map = OptionInputs.Read(predictions.Name, () => PredictionMapReader.Read(predictionsPath));
            ClusterAssignments? assignments = clustersPath is null ? null : OptionInputs.Read(clusters.Name, () => ClusterAssignmentsReader.Read(clustersPath));
            PseudoLabelSet set = Build(truth, map, assignments, voc);

            if (kind == Coco)
            {
                OutputWrites.Guard(output.Name, outputPath, () => CocoInstancesWriter.Write(outputPath, set));
            }
            else
            {
                var metadata = voc
                    ? Detectron2LostMetadata.ForVoc(parse.GetValue(dataset.Root)!, parse.GetValue(dataset.Set) ?? "trainval", set.ClusterCount)
                    : Detectron2LostMetadata.ForCoco(parse.GetValue(dataset.Annotations)!, parse.GetValue(dataset.Images)!,
                        parse.GetValue(dataset.ImageList) is { Length: > 0 }, set.ClusterCount);
                OutputWrites.Guard(output.Name, outputPath, () => Detectron2LostWriter.Write(outputPath, set, metadata));
            }
            Report(parse.InvocationConfiguration.Output, set, kind, outputPath);
            return ExitCodes.Success;
        }));
        return command;

        PseudoLabelSet Build(GroundTruthSet truth, PredictionMap map, ClusterAssignments? assignments, bool voc)
        {
            try
            {
                return PseudoLabelBuilder.Build(truth, map, assignments, voc ? DetectionImageIds.VocFileNames : DetectionImageIds.CocoIds);
            }
            catch (LostInputException e)
            {
                // The library names what was wrong; the user typed the option that named it.
                string option = e.InputName switch
                {
                    "clusters" => clusters.Name,
                    "predictions" => predictions.Name,
                    "image_file" => voc ? dataset.Root.Name : dataset.Images.Name,
                    "image_size" => voc ? dataset.Root.Name : dataset.Annotations.Name,
                    var other => other,
                };
                throw new LostInputException(option, e.Problem, e);
            }
        }
    }

    private static string Required(ParseResult parse, Option<string?> option, string what) =>
        parse.GetValue(option) is { Length: > 0 } value ? value : throw new LostInputException(option.Name, $"is required: {what}");

    private static void Report(TextWriter output, PseudoLabelSet set, string kind, string path)
    {
        string classes = set.ClusterCount is int count ? $"{count} cluster classes" : "one class";
        output.WriteLine($"Pseudo-labels: {set.Labels.Count} boxes, {classes}, of {set.SetName} written to {path} ({kind})");
        if (set.WithoutBox > 0)
        {
            output.WriteLine($"Left out {set.WithoutBox} images without a box");
        }
        foreach (var group in set.Issues.GroupBy(issue => issue.Kind).OrderBy(g => g.Key))
        {
            output.WriteLine($"{group.Key} {group.Count()}: {group.First().Item}: {group.First().Reason}");
        }
    }
}
