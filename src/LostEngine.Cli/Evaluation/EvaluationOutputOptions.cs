using System.CommandLine;
using LostEngine.Cli.Outputs;

namespace LostEngine.Cli.Evaluation;

/// <summary>The options saying where the results of an evaluation go.</summary>
internal sealed class EvaluationOutputOptions
{
    public Option<string?> Report { get; } = new("--report")
    {
        Description = "Write a JSON report: totals, and per image the best IoU, whether it counted, and why.",
    };

    public Option<string?> CocoResults { get; } = new("--coco-results")
    {
        Description = "Write the predictions as a COCO detection results file (pycocotools' loadRes format).",
    };

    public Option<int> CocoCategory { get; } = new("--coco-category")
    {
        Description = "The category_id given to every box in --coco-results.",
        DefaultValueFactory = _ => 1,
    };

    /// <summary>The files asked for, to check before any work.</summary>
    public IReadOnlyList<OutputLocation> LocationsOf(ParseResult parse)
    {
        var locations = new List<OutputLocation>();
        foreach (var option in new[] { Report, CocoResults })
        {
            if (parse.GetValue(option) is { Length: > 0 } path)
            {
                locations.Add(new OutputLocation(option.Name, path, OutputKind.File));
            }
        }
        return locations;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Report);
        command.Options.Add(CocoResults);
        command.Options.Add(CocoCategory);
    }
}
