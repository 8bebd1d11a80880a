using System.CommandLine;
using LostEngine.Cli.Evaluation;
using LostEngine.Datasets;
using LostEngine.Evaluation;

namespace LostEngine.Cli.Commands;

/// <summary><c>lost evaluate</c>: the CorLoc of a prediction file on a VOC or COCO ground truth.</summary>
internal static class EvaluateCommand
{
    internal static Command Create()
    {
        var dataset = new DatasetOptions();
        var outputs = new EvaluationOutputOptions();
        var predictions = new Option<string?>("--predictions")
        {
            Description = "The predictions: a JSON object from image file name, stem or COCO id to [x1, y1, x2, y2] (null: no object).",
        };
        var command = new Command("evaluate", "Compute the CorLoc of predictions against VOC or COCO ground truth, as the LOST reference does.");
        dataset.AddTo(command);
        command.Options.Add(predictions);
        outputs.AddTo(command);
        command.SetAction(parse => CommandErrors.Run(parse, _ =>
        {
            GroundTruthSet truth = dataset.Read(parse);
            IPredictionSource source = parse.GetValue(predictions) is { Length: > 0 } path
                ? PredictionMapReader.Read(path)
                : throw new LostInputException("--predictions", "is required: the file of predictions to evaluate");
            EvaluationRun.Run(parse, outputs, truth, source);
            return ExitCodes.Success;
        }));
        return command;
    }
}
