using System.CommandLine;
using LostEngine.Cli.Catalog;
using LostEngine.Cli.Evaluation;
using LostEngine.Cli.Inputs;
using LostEngine.Cli.Outputs;
using LostEngine.Cli.Runs;
using LostEngine.Datasets;
using LostEngine.Evaluation;
using LostEngine.Evaluation.Detections;
using LostEngine.Runs;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost evaluate</c>: the CorLoc of predictions on a VOC or COCO ground truth, the predictions read from a file
/// (<c>--predictions</c>), chosen from a detector's results (<c>--detections</c>) or made by running the model over the dataset's images (<c>--model</c>).
/// </summary>
internal static class EvaluateCommand
{
    internal static Command Create(ModelSources sources)
    {
        var dataset = new DatasetOptions();
        var outputs = new EvaluationOutputOptions();
        var predictions = new Option<string?>("--predictions")
        {
            Description = "The predictions: a JSON object from image file name, stem or COCO id to [x1, y1, x2, y2] (null: no object).",
        };
        var detections = new Option<string?>("--detections")
        {
            Description = "A detector's COCO results list (detectron2's coco_instances_results.json): each image's most confident box is scored.",
        };
        var localizer = new LocalizerOptionSet(modelRequired: false, sources);
        var output = new Option<string?>("--output")
        {
            Description = "With --model: write the predictions here (image file name → box); --resume continues from it.",
        };
        var run = new RunOptions();
        var command = new Command("evaluate", "Compute the CorLoc of predictions against VOC or COCO ground truth, as the LOST reference does. " + ExitCodes.Help);
        dataset.AddTo(command);
        command.Options.Add(predictions);
        command.Options.Add(detections);
        localizer.AddTo(command);
        command.Options.Add(output);
        run.AddTo(command);
        outputs.AddTo(command);
        command.SetAction(parse => CommandErrors.Run(parse, _ =>
        {
            string? predictionsPath = parse.GetValue(predictions) is { Length: > 0 } p ? p : null;
            string? detectionsPath = parse.GetValue(detections) is { Length: > 0 } d ? d : null;
            RequireOneSource(predictionsPath is not null, detectionsPath is not null, localizer.IsGiven(parse));
            GroundTruthSet truth = dataset.Read(parse);
            if (predictionsPath is not null)
            {
                OutputChecks.Require(outputs.LocationsOf(parse), [predictionsPath, .. dataset.InputFilesOf(parse)]);
                EvaluationRun.Run(parse, outputs, truth, PredictionMapReader.Read(predictionsPath));
                return ExitCodes.Success;
            }
            if (detectionsPath is not null)
            {
                OutputChecks.Require(outputs.LocationsOf(parse), [detectionsPath, .. dataset.InputFilesOf(parse)]);
                var results = OptionInputs.Read(detections.Name, () => Detection.FromResults(DetectionResultsReader.Read(detectionsPath)));
                var ids = dataset.IsVoc(parse) ? DetectionImageIds.VocFileNames : DetectionImageIds.CocoIds;
                EvaluationRun.Run(parse, outputs, truth, new DetectionPredictions(results, ids));
                return ExitCodes.Success;
            }
            var images = truth.Images
                .Where(image => image.Status == GroundTruthStatus.Evaluated)
                .Select(image => new RunImage(image.ImagePath, image.FileName))
                .ToList();
            var outcome = ModelRun.Execute(parse, run, localizer.Read(parse, run.ProgressOf(parse)), images, parse.GetValue(output), lines: null,
                outputs.LocationsOf(parse), dataset.InputFilesOf(parse));
            if (outcome.Summary.Cancelled)
            {
                return outcome.ExitCode;
            }
            if (run.ShardOf(parse) is { Count: > 1 } shard)
            {
                // One part's CorLoc would count every other part's images as misses.
                parse.InvocationConfiguration.Output.WriteLine(
                    $"Shard {shard} done; join the parts with 'lost merge PARTS... --output ALL.json' and the same dataset options to evaluate.");
                return outcome.ExitCode;
            }
            EvaluationRun.Run(parse, outputs, truth, outcome.Predictions, outcome.Objects);
            return outcome.ExitCode;
        }));
        return command;
    }

    private static void RequireOneSource(bool predictions, bool detections, bool model)
    {
        int given = (predictions ? 1 : 0) + (detections ? 1 : 0) + (model ? 1 : 0);
        if (given == 1)
        {
            return;
        }
        string option = detections ? "--detections" : "--predictions";
        throw new LostInputException(option, given == 0
            ? "give one of --predictions (score a prediction map), --detections (score a detector's results) or --model (run the model)."
            : "give only one of --predictions, --detections and --model.");
    }
}
