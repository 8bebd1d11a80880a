using System.CommandLine;
using LostEngine.Cli.Outputs;
using LostEngine.Datasets;
using LostEngine.Evaluation;

namespace LostEngine.Cli.Evaluation;

/// <summary>Scores a prediction source on a ground-truth set, prints the CorLoc and writes the asked outputs.</summary>
internal static class EvaluationRun
{
    /// <param name="parse">The command line, for the output options and writers.</param>
    /// <param name="outputs">The options naming the report and COCO results files.</param>
    /// <param name="truth">The ground truth.</param>
    /// <param name="predictions">One box per image, which CorLoc scores.</param>
    /// <param name="objects">
    /// Every object of a method that finds several (MaskCut), by image key, written to the COCO results instead of
    /// the image's one box; null when each image has one box.
    /// </param>
    public static CorLocReport Run(ParseResult parse, EvaluationOutputOptions outputs, GroundTruthSet truth, IPredictionSource predictions,
        IReadOnlyDictionary<string, IReadOnlyList<BoundingBox>>? objects = null)
    {
        CorLocReport report = CorLocEvaluator.Evaluate(truth, predictions);
        TextWriter output = parse.InvocationConfiguration.Output;
        output.WriteLine($"CorLoc {PercentFormat.OneDecimal(report.CorLocPercent)}% ({report.Correct}/{report.Counted}) on {report.SetName}");
        if (report.Excluded > 0)
        {
            output.WriteLine($"Excluded {report.Excluded} images (left without any box)");
        }
        output.WriteLine(report.Issues.Count == 0
            ? "Issues 0"
            : $"Issues {report.Issues.Count} ({string.Join(", ", report.IssueCounts.Select(c => $"{c.Key} {c.Value}"))})");

        if (parse.GetValue(outputs.Report) is { Length: > 0 } reportPath)
        {
            OutputWrites.Guard(outputs.Report.Name, reportPath, () => CorLocReportWriter.Write(reportPath, report));
            output.WriteLine($"Report written to {reportPath}");
        }
        if (parse.GetValue(outputs.CocoResults) is { Length: > 0 } cocoPath)
        {
            WriteCocoResults(outputs.CocoResults.Name, cocoPath, parse.GetValue(outputs.CocoCategory), report, objects, output);
        }
        return report;
    }

    private static void WriteCocoResults(string option, string path, int categoryId, CorLocReport report,
        IReadOnlyDictionary<string, IReadOnlyList<BoundingBox>>? objects, TextWriter output)
    {
        var detections = new List<CocoDetection>();
        int withoutId = 0;
        foreach (ImageEvaluation image in report.Images)
        {
            if (image.Prediction.Status != PredictionStatus.Box)
            {
                continue;
            }
            if (image.Image.NumericId is not long id)
            {
                withoutId++;
                continue;
            }
            var boxes = ObjectsOf(image.Image, objects) ?? [image.Prediction.Box];
            for (int i = 0; i < boxes.Count; i++)
            {
                // 1, 1/2, 1/3, ...: an image's objects keep their order, and every image's first object (the box
                // CorLoc scores) ranks above every second one in COCO's AP.
                detections.Add(new CocoDetection(id, boxes[i], 1.0 / (i + 1)));
            }
        }
        OutputWrites.Guard(option, path, () => CocoResultsWriter.Write(path, detections, categoryId));
        output.WriteLine($"COCO results: {detections.Count} boxes written to {path}"
            + (withoutId > 0 ? $"; {withoutId} images skipped, their ids are not numbers" : ""));
    }

    private static IReadOnlyList<BoundingBox>? ObjectsOf(GroundTruthImage image, IReadOnlyDictionary<string, IReadOnlyList<BoundingBox>>? objects)
    {
        if (objects is null)
        {
            return null;
        }
        foreach (string key in PredictionMap.CandidateKeys(image))
        {
            if (objects.TryGetValue(key, out var boxes) && boxes.Count > 0)
            {
                return boxes;
            }
        }
        return null;
    }
}
