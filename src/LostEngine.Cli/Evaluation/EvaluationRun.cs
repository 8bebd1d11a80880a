using System.CommandLine;
using LostEngine.Datasets;
using LostEngine.Evaluation;

namespace LostEngine.Cli.Evaluation;

/// <summary>Scores a prediction source on a ground-truth set, prints the CorLoc and writes the asked outputs.</summary>
internal static class EvaluationRun
{
    public static CorLocReport Run(ParseResult parse, EvaluationOutputOptions outputs, GroundTruthSet truth, IPredictionSource predictions)
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
            CorLocReportWriter.Write(reportPath, report);
            output.WriteLine($"Report written to {reportPath}");
        }
        if (parse.GetValue(outputs.CocoResults) is { Length: > 0 } cocoPath)
        {
            WriteCocoResults(cocoPath, parse.GetValue(outputs.CocoCategory), report, output);
        }
        return report;
    }

    private static void WriteCocoResults(string path, int categoryId, CorLocReport report, TextWriter output)
    {
        var detections = new List<(long, BoundingBox)>();
        int withoutId = 0;
        foreach (ImageEvaluation image in report.Images)
        {
            if (image.Prediction.Status != PredictionStatus.Box)
            {
                continue;
            }
            if (image.Image.NumericId is long id)
            {
                detections.Add((id, image.Prediction.Box));
            }
            else
            {
                withoutId++;
            }
        }
        CocoResultsWriter.Write(path, detections, categoryId);
        output.WriteLine($"COCO results: {detections.Count} boxes written to {path}"
            + (withoutId > 0 ? $"; {withoutId} images skipped, their ids are not numbers" : ""));
    }
}
