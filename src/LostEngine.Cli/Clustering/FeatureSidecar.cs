using System.Text.Encodings.Web;
using System.Text.Json;
using LostEngine.Evaluation;
using LostEngine.IO;

namespace LostEngine.Cli.Clustering;

/// <summary>
/// What a features file's rows are, kept beside it as <c>F.npy.json</c>:
/// <c>{"images": [...], "boxes": [[x1, y1, x2, y2], ...], "model": {"name" or "path", "sha256"}, "dims": d}</c>, one
/// image and box per row. It lets rows extracted by several runs (shards, an interrupted run) be matched to the images
/// by name, and be reused only for the same model and box.
/// </summary>
internal sealed record FeatureSidecar(IReadOnlyList<string> Images, IReadOnlyList<BoundingBox> Boxes, FeatureModel Model, int Dims)
{
    // A sidecar holds a name and a box per row; far beyond any data set, and below what one JSON document can hold.
    private const long MaxBytes = 1L << 30;

    /// <summary>The sidecar of the features file <paramref name="npyPath"/>.</summary>
    public static string PathOf(string npyPath) => npyPath + ".json";

    /// <summary>Writes the sidecar of <paramref name="npyPath"/> aside and moves it into place.</summary>
    public void Write(string npyPath) => AtomicFile.Write(PathOf(npyPath), stream =>
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteStartArray("images");
        foreach (string image in Images)
        {
            writer.WriteStringValue(image);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("boxes");
        foreach (BoundingBox box in Boxes)
        {
            BoxJson.Write(writer, box);
        }
        writer.WriteEndArray();
        writer.WriteStartObject("model");
        if (Model.Name is not null)
        {
            writer.WriteString("name", Model.Name);
        }
        if (Model.Path is not null)
        {
            writer.WriteString("path", Model.Path);
        }
        writer.WriteString("sha256", Model.Sha256);
        writer.WriteEndObject();
        writer.WriteNumber("dims", Dims);
        writer.WriteEndObject();
    });

    /// <summary>The sidecar of <paramref name="npyPath"/>, or null when it has none.</summary>
    /// <exception cref="LostInputException">The sidecar exists but cannot be read or is malformed; the message names <paramref name="option"/>.</exception>
    public static FeatureSidecar? Read(string option, string npyPath)
    {
        string path = PathOf(npyPath);
        if (!File.Exists(path))
        {
            return null;
        }
        byte[] bytes;
        try
        {
            // Bounded and regular files only: a FIFO named like a sidecar would otherwise block the run for ever.
            bytes = BoundedFileReader.Read(path, MaxBytes, path, "a features sidecar");
        }
        catch (LostInputException e)
        {
            throw new LostInputException(option, $"the sidecar '{path}' {e.Problem}.", e);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new LostInputException(option, $"the sidecar '{path}' is not valid JSON ({e.Message}).", e);
        }
        using (document)
        {
            return FromElement(document.RootElement, option, path);
        }
    }

    private static FeatureSidecar FromElement(JsonElement root, string option, string path)
    {
        LostInputException Bad(string problem) => new(option, $"the sidecar '{path}' {problem}");
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad($"must be a JSON object with images, boxes, model and dims, not {BoxJson.Describe(root)}.");
        }
        JsonElement Field(string name, JsonValueKind kind) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : throw Bad($"has no {kind.ToString().ToLowerInvariant()} \"{name}\".");
        var images = new List<string>();
        foreach (var image in Field("images", JsonValueKind.Array).EnumerateArray())
        {
            images.Add(image.ValueKind == JsonValueKind.String ? image.GetString()! : throw Bad($"has image {images.Count} {BoxJson.Describe(image)}, not a name."));
        }
        var boxes = new List<BoundingBox>();
        foreach (var value in Field("boxes", JsonValueKind.Array).EnumerateArray())
        {
            boxes.Add(BoxJson.TryRead(value, out var box) && box is { } b ? b : throw Bad($"has box {boxes.Count} {BoxJson.Describe(value)}, not [x1, y1, x2, y2]."));
        }
        if (boxes.Count != images.Count)
        {
            throw Bad($"has {images.Count} images but {boxes.Count} boxes; it needs one box per image.");
        }
        var model = Field("model", JsonValueKind.Object);
        string? Text(string name) => model.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        string sha256 = Text("sha256") is { Length: > 0 } digest ? digest : throw Bad("has no model \"sha256\", the digest of the model file.");
        if (!Field("dims", JsonValueKind.Number).TryGetInt32(out int dims) || dims < 1)
        {
            throw Bad("has a \"dims\" that is not a positive integer.");
        }
        return new FeatureSidecar(images, boxes, new FeatureModel(Text("name"), Text("path"), sha256), dims);
    }
}
