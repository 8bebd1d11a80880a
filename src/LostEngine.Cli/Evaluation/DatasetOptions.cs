using System.CommandLine;
using LostEngine.Datasets;

namespace LostEngine.Cli.Evaluation;

/// <summary>The options naming a ground-truth set, shared by every command that evaluates.</summary>
internal sealed class DatasetOptions
{
    public Option<string?> Dataset { get; } = new("--dataset")
    {
        Description = "The ground truth to evaluate against: voc or coco.",
    };

    public Option<string?> Root { get; } = new("--root")
    {
        Description = "VOC: the year's folder (e.g. VOCdevkit/VOC2007) with ImageSets, Annotations and JPEGImages.",
    };

    public Option<string> Set { get; } = new("--set")
    {
        Description = "VOC: the image set of ImageSets/Main.",
        DefaultValueFactory = _ => "trainval",
    };

    public Option<bool> NoHard { get; } = new("--no-hard")
    {
        Description = "VOC: drop truncated and difficult objects; images left with none leave the denominator.",
    };

    public Option<string?> Annotations { get; } = new("--annotations")
    {
        Description = "COCO: the instances JSON file.",
    };

    public Option<string?> Images { get; } = new("--images")
    {
        Description = "COCO: the folder of the images.",
    };

    public Option<string?> ImageList { get; } = new("--image-list")
    {
        Description = "COCO: a file of image file names selecting a subset (e.g. COCO20k).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Dataset);
        command.Options.Add(Root);
        command.Options.Add(Set);
        command.Options.Add(NoHard);
        command.Options.Add(Annotations);
        command.Options.Add(Images);
        command.Options.Add(ImageList);
    }

    /// <summary>Whether a dataset was named at all.</summary>
    public bool IsGiven(ParseResult parse) => parse.GetValue(Dataset) is not null;

    /// <summary>Whether the dataset named is VOC (once <see cref="Read"/> accepted the options, else COCO).</summary>
    public bool IsVoc(ParseResult parse) => string.Equals(parse.GetValue(Dataset), "voc", StringComparison.OrdinalIgnoreCase);

    /// <summary>The dataset's own files (annotations, image list) as given, which no output may name.</summary>
    public IEnumerable<string> InputFilesOf(ParseResult parse) =>
        new[] { parse.GetValue(Annotations), parse.GetValue(ImageList) }.OfType<string>().Where(path => path.Length > 0);

    /// <summary>Reads the named ground truth.</summary>
    /// <exception cref="LostInputException">The options are missing, contradictory, or name unreadable files.</exception>
    public GroundTruthSet Read(ParseResult parse)
    {
        string? dataset = parse.GetValue(Dataset);
        switch (dataset?.ToLowerInvariant())
        {
            case "voc":
                RejectOptions(parse, "voc", Annotations, Images, ImageList);
                return VocGroundTruthReader.Read(new VocGroundTruthOptions(
                    Require(parse, Root, "voc"), parse.GetValue(Set) ?? "trainval", parse.GetValue(NoHard)));
            case "coco":
                RejectOptions(parse, "coco", Root, NoHard);
                if (parse.GetResult(Set) is { Implicit: false })
                {
                    throw new LostInputException("--set", "is a VOC option; select COCO images with --image-list");
                }
                return CocoGroundTruthReader.Read(new CocoGroundTruthOptions(
                    Require(parse, Annotations, "coco"), Require(parse, Images, "coco"), parse.GetValue(ImageList)));
            default:
                throw new LostInputException("--dataset", dataset is null ? "is required: voc or coco" : $"'{dataset}' is not voc or coco");
        }
    }

    private static string Require(ParseResult parse, Option<string?> option, string dataset) =>
        parse.GetValue(option) is { Length: > 0 } value
            ? value
            : throw new LostInputException(option.Name, $"is required with --dataset {dataset}");

    private static void RejectOptions(ParseResult parse, string dataset, params Option[] options)
    {
        foreach (Option option in options)
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                throw new LostInputException(option.Name, $"does not apply to --dataset {dataset}");
            }
        }
    }
}
