using System.Text.Json;
using LostEngine.IO;

namespace LostEngine.PseudoLabels;

/// <summary>
/// Reads the <c>"images"</c> and <c>"labels"</c> of a clusters file (<c>lost cluster --output</c>); its other fields
/// (centres, inertia, the per-image map) are not needed to label boxes and are not read.
/// </summary>
public static class ClusterAssignmentsReader
{
    /// <summary>The largest file read: the names and labels of millions of images, with their centres.</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>The largest label accepted; a detector gets one class per cluster.</summary>
    public const int MaxLabel = 65_535;

    /// <exception cref="LostInputException">
    /// The file cannot be read or is too large, is not a JSON object with arrays "images" (non-empty strings, each
    /// once) and "labels" (integers in [0, <see cref="MaxLabel"/>]) of one length. The input named is <paramref name="path"/>.
    /// </exception>
    public static ClusterAssignments Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = BoundedFileReader.Read(path, MaxFileBytes, path, "a clusters file");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new LostInputException(path, $"the clusters are not valid JSON ({e.Message})", e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("images", out JsonElement images) || images.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("labels", out JsonElement labels) || labels.ValueKind != JsonValueKind.Array)
            {
                throw new LostInputException(path, "the clusters must be a JSON object with arrays \"images\" and \"labels\" (as lost cluster writes)");
            }
            if (images.GetArrayLength() != labels.GetArrayLength())
            {
                throw new LostInputException(path, $"\"images\" has {images.GetArrayLength()} entries but \"labels\" {labels.GetArrayLength()}");
            }
            var names = new List<string>(images.GetArrayLength());
            var values = new List<int>(names.Capacity);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (var (name, label) in images.EnumerateArray().Zip(labels.EnumerateArray()))
            {
                string text = ReadName(name, path, index);
                if (!seen.Add(text))
                {
                    throw new LostInputException(path, $"images[{index}] '{text}' appears more than once");
                }
                if (label.ValueKind != JsonValueKind.Number || !label.TryGetInt32(out int value) || value is < 0 or > MaxLabel)
                {
                    throw new LostInputException(path, $"labels[{index}] (image '{text}') must be an integer in [0, {MaxLabel}], not {label.GetRawText()}");
                }
                names.Add(text);
                values.Add(value);
                index++;
            }
            return new ClusterAssignments(names, values);
        }
    }

    private static string ReadName(JsonElement name, string path, int index)
    {
        if (name.ValueKind == JsonValueKind.String)
        {
            try
            {
                if (name.GetString() is { Length: > 0 } text)
                {
                    return text;
                }
            }
            catch (InvalidOperationException)
            {
                // Half a surrogate pair: no name, refused below.
            }
        }
        throw new LostInputException(path, $"images[{index}] must be a non-empty image name, not {name.GetRawText()}");
    }
}
