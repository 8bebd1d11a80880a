using System.CommandLine;
using LostEngine.Cli.Evaluation;
using LostEngine.Cli.Outputs;
using LostEngine.Datasets;
using LostEngine.Evaluation;

namespace LostEngine.Cli.Commands;

/// <summary><c>lost merge</c>: join the outputs of the parts of a sharded run, and optionally evaluate them.</summary>
internal static class MergeCommand
{
    internal static Command Create()
    {
        var parts = new Argument<string[]>("parts")
        {
            Description = "The parts' outputs: prediction maps (.json) or per-image logs and journals (.jsonl).",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string?>("--output")
        {
            Description = "The merged prediction map to write.",
        };
        var dataset = new DatasetOptions();
        var outputs = new EvaluationOutputOptions();
        var command = new Command("merge", "Join the predictions of several parts into one map; with --dataset, evaluate it.");
        command.Arguments.Add(parts);
        command.Options.Add(output);
        dataset.AddTo(command);
        outputs.AddTo(command);
        command.SetAction(parse => CommandErrors.Run(parse, _ =>
        {
            string outputPath = parse.GetValue(output) is { Length: > 0 } o
                ? o
                : throw new LostInputException("--output", "is required: where to write the merged predictions");
            string[] partPaths = parse.GetValue(parts) ?? [];
            // The outputs and the ground truth are checked first, so that a wrong option fails before anything is written.
            OutputChecks.Require([new OutputLocation("--output", outputPath, OutputKind.File), .. outputs.LocationsOf(parse)],
                [.. partPaths, .. dataset.InputFilesOf(parse)]);
            GroundTruthSet? truth = dataset.IsGiven(parse) ? dataset.Read(parse) : null;
            MergeResult merged = PredictionMerger.Merge(partPaths);
            TextWriter text = parse.InvocationConfiguration.Output;
            foreach (EvaluationIssue issue in merged.Issues)
            {
                text.WriteLine($"{issue.Kind} {issue.Item}: {issue.Reason}");
            }
            if (merged.HasConflicts)
            {
                parse.InvocationConfiguration.Error.WriteLine(
                    "lost: parts disagree on some images (ConflictingPrediction above); nothing written");
                return ExitCodes.BadInput;
            }
            OutputWrites.Guard("--output", outputPath, () => PredictionMapWriter.Write(outputPath, merged.Map));
            text.WriteLine($"Merged {merged.Map.Count} images into {outputPath}");
            if (truth is not null)
            {
                EvaluationRun.Run(parse, outputs, truth, merged.Map, merged.Objects.Count > 0 ? merged.Objects : null);
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
