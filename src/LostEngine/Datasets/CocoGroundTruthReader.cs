using System.Globalization;
using System.Text.Json;
using LostEngine.Evaluation;
using LostEngine.IO;

namespace LostEngine.Datasets;

/// <summary>
/// Reads COCO ground truth the way the reference's <c>extract_gt_COCO</c> does: crowd boxes dropped,
/// <c>[x, y, x + w, y + h]</c> each rounded with Python's <c>int(round(v))</c>, which rounds half to
/// even on the float64 value (<see cref="Math.Round(double)"/> does the same), so 10.5 gives 10 and
/// 11.5 gives 12. Images come in increasing id order, as torchvision's <c>CocoDetection</c> lists them.
/// </summary>
public static class CocoGroundTruthReader
{
    private sealed class PendingImage(long id, string fileName, double? width, double? height)
    {
        public long Id { get; } = id;
        public string FileName { get; } = fileName;
        public double? Width { get; } = width;
        public double? Height { get; } = height;
        public List<BoundingBox> Boxes { get; } = [];
        public int AnnotationCount { get; set; }
        public string? Problem { get; set; }
    }

    /// <summary>Reads the selected images; a bad entry becomes an issue, never an exception.</summary>
    /// <exception cref="LostInputException">The annotations file, the images folder or the image list cannot be used at all.</exception>
    public static GroundTruthSet Read(CocoGroundTruthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.ImagesFolder))
        {
            throw new LostInputException(options.ImagesFolder, "the COCO images folder does not exist");
        }
        using JsonDocument document = ParseAnnotations(options.AnnotationsFile);
        JsonElement root = document.RootElement;
        JsonElement imagesArray = RequireArray(root, "images", options.AnnotationsFile);
        JsonElement annotationsArray = RequireArray(root, "annotations", options.AnnotationsFile);

        var issues = new List<EvaluationIssue>();
        Dictionary<long, PendingImage> all = ReadImages(imagesArray, options.AnnotationsFile, issues);
        Dictionary<long, PendingImage> selected = options.ImageListFile is null
            ? all
            : Select(all, options.ImageListFile, issues);
        ReadAnnotations(annotationsArray, options.AnnotationsFile, all, selected, issues);

        var images = new List<GroundTruthImage>(selected.Count);
        foreach (PendingImage image in selected.Values.OrderBy(i => i.Id))
        {
            images.Add(Finish(image, options.ImagesFolder, issues));
        }
        string name = Path.GetFileNameWithoutExtension(options.AnnotationsFile)
                    + (options.ImageListFile is null ? "" : "_" + Path.GetFileNameWithoutExtension(options.ImageListFile));
        return new GroundTruthSet(name, images, issues);
    }

    private static JsonDocument ParseAnnotations(string path)
    {
        // Regular files only, size checked first: a FIFO given as the annotations would block the run for ever.
        byte[] bytes = BoundedFileReader.Read(path, Array.MaxLength, path, "the COCO annotations");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new LostInputException(path, $"the COCO annotations are not valid JSON ({e.Message})", e);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new LostInputException(path, "the COCO annotations are not a JSON object");
        }
        return document;
    }

    private static JsonElement RequireArray(JsonElement root, string property, string path)
    {
        if (!root.TryGetProperty(property, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new LostInputException(path, $"the COCO annotations have no \"{property}\" array");
        }
        return array;
    }

    private static Dictionary<long, PendingImage> ReadImages(JsonElement imagesArray, string path, List<EvaluationIssue> issues)
    {
        var images = new Dictionary<long, PendingImage>();
        int index = 0;
        foreach (JsonElement entry in imagesArray.EnumerateArray())
        {
            string item = $"{path} images[{index++}]";
            if (entry.ValueKind != JsonValueKind.Object
                || !TryGetInteger(entry, "id", out long id)
                || !TryGetText(entry, "file_name", out string fileName))
            {
                issues.Add(new EvaluationIssue(item, EvaluationIssueKind.AnnotationMalformed,
                    "an image entry needs an integer \"id\" and a non-empty string \"file_name\"; skipped"));
                continue;
            }
            if (images.ContainsKey(id))
            {
                issues.Add(new EvaluationIssue(item, EvaluationIssueKind.DuplicateImage, $"image id {id} appears twice; the first is kept"));
                continue;
            }
            images.Add(id, new PendingImage(id, Path.GetFileName(fileName), TryGetNumber(entry, "width"), TryGetNumber(entry, "height")));
        }
        return images;
    }

    private static Dictionary<long, PendingImage> Select(Dictionary<long, PendingImage> all, string listFile, List<EvaluationIssue> issues)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(listFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException(listFile, $"the image list cannot be read ({e.Message})", e);
        }
        var byFileName = new Dictionary<string, PendingImage>(StringComparer.Ordinal);
        foreach (PendingImage image in all.Values)
        {
            byFileName.TryAdd(image.FileName, image);
        }
        var selected = new Dictionary<long, PendingImage>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            string fileName = Path.GetFileName(line);
            // The reference selects by the id in the name's last "_" field; used when the name differs.
            if (!byFileName.TryGetValue(fileName, out PendingImage? image)
                && !(TryIdFromFileName(fileName, out long id) && all.TryGetValue(id, out image)))
            {
                issues.Add(new EvaluationIssue($"{listFile}:{i + 1}", EvaluationIssueKind.ImageNotInAnnotations,
                    $"'{line}' names no image of the annotations; not evaluated"));
                continue;
            }
            if (!selected.TryAdd(image.Id, image))
            {
                issues.Add(new EvaluationIssue($"{listFile}:{i + 1}", EvaluationIssueKind.DuplicateImage,
                    $"'{line}' is listed more than once; evaluated once"));
            }
        }
        return selected;
    }

    private static bool TryIdFromFileName(string fileName, out long id)
    {
        string stem = Path.GetFileNameWithoutExtension(fileName);
        string last = stem[(stem.LastIndexOf('_') + 1)..];
        return long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    private static void ReadAnnotations(JsonElement annotationsArray, string path,
        Dictionary<long, PendingImage> all, Dictionary<long, PendingImage> selected, List<EvaluationIssue> issues)
    {
        int index = 0;
        foreach (JsonElement entry in annotationsArray.EnumerateArray())
        {
            string item = $"{path} annotations[{index++}]";
            if (entry.ValueKind != JsonValueKind.Object || !TryGetInteger(entry, "image_id", out long imageId))
            {
                issues.Add(new EvaluationIssue(item, EvaluationIssueKind.AnnotationMalformed, "an annotation needs an integer \"image_id\"; skipped"));
                continue;
            }
            if (!selected.TryGetValue(imageId, out PendingImage? image))
            {
                if (!all.ContainsKey(imageId))
                {
                    issues.Add(new EvaluationIssue(item, EvaluationIssueKind.AnnotationMalformed, $"image_id {imageId} names no image; skipped"));
                }
                continue;
            }
            image.AnnotationCount++;
            if (!TryReadCrowdFlag(entry, out bool crowd))
            {
                image.Problem ??= $"{item}: \"iscrowd\" is not 0 or 1";
                continue;
            }
            if (crowd)
            {
                continue;
            }
            if (!TryReadBox(entry, out BoundingBox box))
            {
                image.Problem ??= $"{item}: \"bbox\" is not an array of 4 numbers whose corners are finite";
                continue;
            }
            image.Boxes.Add(box);
        }
    }

    // A missing flag means not crowd, as in pycocotools; anything but 0 or 1 is malformed.
    private static bool TryReadCrowdFlag(JsonElement entry, out bool crowd)
    {
        crowd = false;
        if (!entry.TryGetProperty("iscrowd", out JsonElement flag))
        {
            return true;
        }
        if (flag.ValueKind == JsonValueKind.Number && flag.TryGetInt64(out long value) && value is 0 or 1)
        {
            crowd = value == 1;
            return true;
        }
        if (flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            crowd = flag.ValueKind == JsonValueKind.True;
            return true;
        }
        return false;
    }

    private static bool TryReadBox(JsonElement entry, out BoundingBox box)
    {
        box = default;
        if (!entry.TryGetProperty("bbox", out JsonElement bbox) || bbox.ValueKind != JsonValueKind.Array || bbox.GetArrayLength() != 4)
        {
            return false;
        }
        Span<double> v = stackalloc double[4];
        for (int i = 0; i < 4; i++)
        {
            JsonElement number = bbox[i];
            if (number.ValueKind != JsonValueKind.Number || !number.TryGetDouble(out v[i]))
            {
                return false;
            }
        }
        // x + w is summed in float64 before rounding, as Python does; a corner beyond float64 (a number the JSON
        // parser takes as infinity, or a sum that overflows) is where the reference's int(round(...)) raises.
        box = new BoundingBox(Math.Round(v[0]), Math.Round(v[1]), Math.Round(v[0] + v[2]), Math.Round(v[1] + v[3]));
        return double.IsFinite(box.X1) && double.IsFinite(box.Y1) && double.IsFinite(box.X2) && double.IsFinite(box.Y2);
    }

    private static GroundTruthImage Finish(PendingImage image, string imagesFolder, List<EvaluationIssue> issues)
    {
        string key = image.Id.ToString(CultureInfo.InvariantCulture);
        string imagePath = Path.Combine(imagesFolder, image.FileName);
        if (image.Problem is not null)
        {
            issues.Add(new EvaluationIssue(key, EvaluationIssueKind.AnnotationMalformed, image.Problem));
            return new GroundTruthImage(key, image.FileName, imagePath, image.Id, [], GroundTruthStatus.Unreadable, image.Problem);
        }
        if (!File.Exists(imagePath))
        {
            issues.Add(new EvaluationIssue(key, EvaluationIssueKind.ImageMissing, $"image file {imagePath} does not exist"));
        }
        if (image.AnnotationCount == 0)
        {
            issues.Add(new EvaluationIssue(key, EvaluationIssueKind.NoAnnotation, $"image {image.FileName} has no annotation; it counts as a miss"));
        }
        if (image.Width is double width && image.Height is double height)
        {
            foreach (BoundingBox box in image.Boxes)
            {
                if (box.LeavesImage(width, height) || box.X2 < box.X1 || box.Y2 < box.Y1)
                {
                    issues.Add(new EvaluationIssue(key, EvaluationIssueKind.BoxOutsideImage,
                        $"box {box} is outside the {width}x{height} image or inverted; kept as the reference keeps it"));
                }
            }
        }
        string? reason = image.Boxes.Count > 0 ? null
            : image.AnnotationCount == 0 ? "no annotation"
            : "only crowd boxes";
        return new GroundTruthImage(key, image.FileName, imagePath, image.Id, image.Boxes, GroundTruthStatus.Evaluated, reason)
        {
            Width = PixelCount(image.Width),
            Height = PixelCount(image.Height),
        };
    }

    // COCO writes sizes as JSON numbers; only a positive whole number that fits an int is a size.
    private static int? PixelCount(double? value) =>
        value is double v && double.IsInteger(v) && v is >= 1 and <= int.MaxValue ? (int)v : null;

    private static bool TryGetInteger(JsonElement entry, string property, out long value)
    {
        value = 0;
        return entry.TryGetProperty(property, out JsonElement element)
            && element.ValueKind == JsonValueKind.Number
            && element.TryGetInt64(out value);
    }

    // JSON may escape half of a surrogate pair ("\ud800"), which is no text: GetString refuses it.
    private static bool TryGetText(JsonElement entry, string property, out string text)
    {
        text = "";
        if (!entry.TryGetProperty(property, out JsonElement element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        try
        {
            text = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        return text.Length > 0;
    }

    private static double? TryGetNumber(JsonElement entry, string property) =>
        entry.TryGetProperty(property, out JsonElement element) && element.ValueKind == JsonValueKind.Number
            ? element.GetDouble()
            : null;
}
