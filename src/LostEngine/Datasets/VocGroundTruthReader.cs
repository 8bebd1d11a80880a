using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using LostEngine.Evaluation;
using LostEngine.IO;

namespace LostEngine.Datasets;

/// <summary>
/// Reads Pascal VOC ground truth the way the reference's <c>extract_gt_VOC</c> does: the XML integers
/// with <c>xmin - 1</c> and <c>ymin - 1</c> and the maxima unchanged, since VOC counts pixels from 1
/// inclusively and the reference works in 0-based continuous coordinates.
/// </summary>
public static class VocGroundTruthReader
{
    // A VOC annotation is a few kilobytes; the cap only bounds what a wrong file costs.
    private const long MaxAnnotationBytes = 16 << 20;

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
    };

    /// <summary>Reads every image of the set; a bad annotation becomes an issue, never an exception.</summary>
    /// <exception cref="LostInputException">The root or the image-set file cannot be read.</exception>
    public static GroundTruthSet Read(VocGroundTruthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.Root))
        {
            throw new LostInputException(options.Root, "the VOC root folder does not exist");
        }
        string setFile = Path.Combine(options.Root, "ImageSets", "Main", options.Set + ".txt");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(setFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException(setFile, $"the image-set file of set '{options.Set}' cannot be read ({e.Message})", e);
        }

        var images = new List<GroundTruthImage>(lines.Length);
        var issues = new List<EvaluationIssue>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in lines)
        {
            // Class-specific set files carry "id  1"; the id is always the first token.
            string id = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            if (id.Length == 0)
            {
                continue;
            }
            if (!seen.Add(id))
            {
                issues.Add(new EvaluationIssue(id, EvaluationIssueKind.DuplicateImage, $"listed more than once in {setFile}; evaluated once"));
                continue;
            }
            images.Add(ReadImage(options, id, issues));
        }
        string name = $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Root)))}_{options.Set}"
                    + (options.NoHard ? "-nohards" : "");
        return new GroundTruthSet(name, images, issues);
    }

    private static GroundTruthImage ReadImage(VocGroundTruthOptions options, string id, List<EvaluationIssue> issues)
    {
        string annotationPath = Path.Combine(options.Root, "Annotations", id + ".xml");
        string fallbackName = id + ".jpg";
        long? numericId = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : null;
        GroundTruthImage Unreadable(string fileName, EvaluationIssueKind kind, string reason)
        {
            issues.Add(new EvaluationIssue(id, kind, reason));
            return new GroundTruthImage(fileName, fileName, ImagePathOf(options, fileName), numericId, [], GroundTruthStatus.Unreadable, reason);
        }

        if (!File.Exists(annotationPath))
        {
            return Unreadable(fallbackName, EvaluationIssueKind.AnnotationMissing, $"annotation file {annotationPath} does not exist");
        }
        XDocument document;
        try
        {
            // Regular files only, size checked first: a FIFO among the annotations would block the run for ever.
            // A path handed to XmlReader is a URI: "%41" in an id would be unescaped and another file read.
            using var stream = new MemoryStream(BoundedFileReader.Read(annotationPath, MaxAnnotationBytes, annotationPath, "an annotation"), writable: false);
            using XmlReader reader = XmlReader.Create(stream, XmlSettings);
            document = XDocument.Load(reader);
        }
        catch (LostInputException e)
        {
            return Unreadable(fallbackName, EvaluationIssueKind.AnnotationMalformed, $"annotation {annotationPath} {e.Problem}");
        }
        catch (XmlException e)
        {
            return Unreadable(fallbackName, EvaluationIssueKind.AnnotationMalformed, $"annotation {annotationPath} is not readable XML ({e.Message})");
        }

        XElement? annotation = document.Root;
        if (annotation is null || annotation.Name.LocalName != "annotation")
        {
            return Unreadable(fallbackName, EvaluationIssueKind.AnnotationMalformed, $"annotation {annotationPath} has no <annotation> root");
        }
        string? fileName = annotation.Element("filename")?.Value.Trim();
        if (string.IsNullOrEmpty(fileName))
        {
            return Unreadable(fallbackName, EvaluationIssueKind.AnnotationMalformed, $"annotation {annotationPath} has no <filename>, the image's key");
        }

        var boxes = new List<BoundingBox>();
        var objects = new List<VocObject>();
        int objectCount = 0;
        foreach (XElement obj in annotation.Elements("object"))
        {
            objectCount++;
            if (options.NoHard && (IsFlagSet(obj, "truncated") || IsFlagSet(obj, "difficult")))
            {
                continue;
            }
            if (!TryReadBox(obj.Element("bndbox"), out BoundingBox box, out string? problem))
            {
                return Unreadable(fileName, EvaluationIssueKind.AnnotationMalformed, $"object {objectCount} of {annotationPath}: {problem}");
            }
            boxes.Add(box);
            objects.Add(new VocObject(obj.Element("name")?.Value, ReadDifficult(obj), box));
        }
        VocAnnotation? voc = options.NoHard ? null : new VocAnnotation(id, annotationPath, objects);

        string imagePath = ImagePathOf(options, fileName);
        if (!File.Exists(imagePath))
        {
            issues.Add(new EvaluationIssue(fileName, EvaluationIssueKind.ImageMissing, $"image file {imagePath} does not exist"));
        }
        if (objectCount == 0)
        {
            issues.Add(new EvaluationIssue(fileName, EvaluationIssueKind.NoAnnotation, $"annotation {annotationPath} has no <object>"));
        }
        (int Width, int Height)? size = SizeOf(annotation.Element("size"));
        if (size is var (width, height))
        {
            ReportBoxesOutside(width, height, fileName, boxes, issues);
        }

        var image = boxes.Count == 0 && options.NoHard
            ? new GroundTruthImage(fileName, fileName, imagePath, numericId, boxes, GroundTruthStatus.Excluded,
                "no object left once truncated and difficult ones are dropped")
            : new GroundTruthImage(fileName, fileName, imagePath, numericId, boxes, GroundTruthStatus.Evaluated,
                boxes.Count == 0 ? "no ground-truth box" : null) { Voc = voc };
        return image with { Width = size?.Width, Height = size?.Height };
    }

    private static string ImagePathOf(VocGroundTruthOptions options, string fileName) =>
        Path.Combine(options.Root, "JPEGImages", fileName);

    // The reference compares the flags with the string "1"; an absent flag is taken as not set.
    private static bool IsFlagSet(XElement obj, string flag) => obj.Element(flag)?.Value.Trim() == "1";

    private static bool? ReadDifficult(XElement obj) =>
        obj.Element("difficult")?.Value is { } text && TryParsePythonInt(text, out int value) ? value != 0 : null;

    // Python's int() takes an optional sign and surrounding spaces, nothing else.
    private static bool TryParsePythonInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
            CultureInfo.InvariantCulture, out value);

    private static bool TryReadBox(XElement? bndbox, out BoundingBox box, out string? problem)
    {
        box = default;
        if (bndbox is null)
        {
            problem = "no <bndbox>";
            return false;
        }
        Span<int> values = stackalloc int[4];
        ReadOnlySpan<string> names = ["xmin", "ymin", "xmax", "ymax"];
        for (int i = 0; i < names.Length; i++)
        {
            string? text = bndbox.Element(names[i])?.Value;
            if (text is null)
            {
                problem = $"<bndbox> has no <{names[i]}>";
                return false;
            }
            if (!TryParsePythonInt(text, out values[i]))
            {
                problem = $"<{names[i]}> is '{text}', not an integer";
                return false;
            }
        }
        box = new BoundingBox(values[0] - 1, values[1] - 1, values[2], values[3]);
        problem = null;
        return true;
    }

    // The reference's pseudo-label scripts read the size with int(); a missing or unreadable one is left null.
    private static (int Width, int Height)? SizeOf(XElement? size) =>
        int.TryParse(size?.Element("width")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int width)
        && int.TryParse(size?.Element("height")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int height)
            ? (width, height)
            : null;

    private static void ReportBoxesOutside(int width, int height, string fileName, List<BoundingBox> boxes, List<EvaluationIssue> issues)
    {
        foreach (BoundingBox box in boxes)
        {
            if (box.LeavesImage(width, height) || box.X2 < box.X1 || box.Y2 < box.Y1)
            {
                issues.Add(new EvaluationIssue(fileName, EvaluationIssueKind.BoxOutsideImage,
                    $"box {box} is outside the {width}x{height} image or inverted; kept as the reference keeps it"));
            }
        }
    }
}
