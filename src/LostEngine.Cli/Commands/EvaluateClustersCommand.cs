using System.CommandLine;
using System.Globalization;
using LostEngine.Cli.Evaluation;
using LostEngine.Cli.Inputs;
using LostEngine.Cli.Outputs;
using LostEngine.Datasets;
using LostEngine.Evaluation.ClassAware;
using LostEngine.Evaluation.Detections;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost evaluate-clusters</c>: class-aware detection scores of a detector trained on clustered pseudo-labels,
/// as the reference's <c>evaluate_unsupervised_detection_voc.py</c> computes them.
/// </summary>
internal static class EvaluateClustersCommand
{
    internal static Command Create()
    {
        var dataset = new DatasetOptions();
        var datasetName = new Option<string?>("--dataset")
        {
            Description = "The ground truth: voc (the reference's class-aware protocol is Pascal VOC's).",
        };
        var set = new Option<string>("--set")
        {
            Description = "VOC: the image set of ImageSets/Main (the reference scores voc_2007_test).",
            DefaultValueFactory = _ => "test",
        };
        var detections = new Option<string?>("--detections")
        {
            Description = "The detector's results: detectron2's coco_instances_results.json, category_id being the cluster plus --category-offset.",
        };
        var report = new Option<string?>("--report")
        {
            Description = "Write a JSON report: the headline APs, class → cluster, each class's APs and every pair's AP50 (percent).",
        };
        var clusters = new Option<int?>("--clusters")
        {
            Description = "The detector's cluster count, when some cluster detected nothing (default: the largest cluster + 1).",
        };
        var categoryOffset = new Option<int>("--category-offset")
        {
            Description = "The category_id of cluster 0 in the results: 0 for a detector trained on --format detectron2-lost, "
                + "1 for one trained on --format coco (detectron2 writes that file's ids, cluster c as c + 1).",
            DefaultValueFactory = _ => 0,
        };
        var threads = new Option<int>("--threads")
        {
            Description = $"Threads scoring class × cluster pairs (0 = one per processor), at most {ClusterEvaluationOptions.MaxThreads}; the numbers do not depend on it.",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("evaluate-clusters",
            "Score a detector whose classes are clusters against VOC: AP50 of every class × cluster, Hungarian matching, "
            + "then AP50, AP75 and AP per class, as the LOST reference does. " + ExitCodes.Help);
        command.Options.Add(datasetName);
        command.Options.Add(dataset.Root);
        command.Options.Add(set);
        command.Options.Add(detections);
        command.Options.Add(clusters);
        command.Options.Add(categoryOffset);
        command.Options.Add(threads);
        command.Options.Add(report);
        command.SetAction(parse => CommandErrors.Run(parse, _ =>
        {
            var options = new ClusterEvaluationOptions
            {
                Clusters = parse.GetValue(clusters),
                CategoryOffset = parse.GetValue(categoryOffset),
                Threads = parse.GetValue(threads),
            };
            OptionNames.Check(options.Validate);
            string? name = parse.GetValue(datasetName);
            if (name is null || !name.Equals("voc", StringComparison.OrdinalIgnoreCase))
            {
                throw new LostInputException("--dataset", $"{(name is null ? "is required" : $"'{name}' is not supported")}: "
                    + "the reference's class-aware evaluation is Pascal VOC's; give --dataset voc");
            }
            string root = parse.GetValue(dataset.Root) is { Length: > 0 } r ? r : throw new LostInputException("--root", "is required with --dataset voc");
            string detectionsPath = parse.GetValue(detections) is { Length: > 0 } d ? d : throw new LostInputException("--detections", "is required");
            string? reportPath = parse.GetValue(report) is { Length: > 0 } p ? p : null;
            if (reportPath is not null)
            {
                OutputChecks.Require([new OutputLocation(report.Name, reportPath, OutputKind.File)], [detectionsPath]);
            }

            GroundTruthSet truth = VocGroundTruthReader.Read(new VocGroundTruthOptions(root, parse.GetValue(set) ?? "test"));
            DetectionResults results = OptionInputs.Read(detections.Name, () => DetectionResultsReader.Read(detectionsPath));
            ClusterEvaluation evaluation = OptionNames.Check(
                () => OptionInputs.Use(detections.Name, detectionsPath, () => ClusterEvaluator.Evaluate(truth, results, options)));
            PrintTable(parse.InvocationConfiguration.Output, evaluation, truth.Name, results.Count);
            if (reportPath is not null)
            {
                OutputWrites.Guard(report.Name, reportPath, () => ClusterEvaluationReportWriter.Write(reportPath, evaluation, truth.Name));
                parse.InvocationConfiguration.Output.WriteLine($"Report written to {reportPath}");
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void PrintTable(TextWriter output, ClusterEvaluation evaluation, string setName, int detectionCount)
    {
        static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(8);
        output.WriteLine($"{"class",-14} {"cluster",7} {"AP50",8} {"AP75",8} {"AP",8}");
        foreach (ClassClusterScore score in evaluation.PerClass)
        {
            output.WriteLine($"{score.ClassName,-14} {score.Cluster,7} {F(score.Ap50)} {F(score.Ap75)} {F(score.Ap)}");
        }
        output.WriteLine($"{"mean",-14} {"",7} {F(evaluation.Ap50)} {F(evaluation.Ap75)} {F(evaluation.Ap)}");
        output.WriteLine(FormattableString.Invariant(
            $"AP50 {evaluation.Ap50:0.000}  AP75 {evaluation.Ap75:0.000}  AP {evaluation.Ap:0.000}  (Hungarian AP50 {evaluation.HungarianAp50:0.000}; {evaluation.ClusterCount} clusters, {detectionCount} detections, {setName})"));
    }
}
