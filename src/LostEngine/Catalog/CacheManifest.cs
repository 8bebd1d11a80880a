using System.Text.Json;

namespace LostEngine.Catalog;

/// <summary>
/// The record of a finished pull, written last (whole, then moved into place), so that a model is in the cache
/// exactly when its manifest is there and every file it names has the size it records.
/// </summary>
/// <param name="Name">The catalogue name.</param>
/// <param name="Url">Where the checkpoint was downloaded from.</param>
/// <param name="Checkpoint">The checkpoint's file name in the model's folder.</param>
/// <param name="CheckpointBytes">The checkpoint's size.</param>
/// <param name="ModelFiles">The imported model's file names in the model's folder, the ONNX file first.</param>
/// <param name="ModelBytes">The imported model's size, all its files together.</param>
internal sealed record CacheManifest(string Name, string Url, string Checkpoint, long CheckpointBytes, IReadOnlyList<string> ModelFiles, long ModelBytes)
{
    /// <summary>Writes the manifest to <paramref name="path"/>, replacing any.</summary>
    public void Write(string path) => IO.AtomicFile.Write(path, stream =>
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        writer.WriteString("url", Url);
        writer.WriteString("checkpoint", Checkpoint);
        writer.WriteNumber("checkpoint_bytes", CheckpointBytes);
        writer.WriteStartArray("model_files");
        foreach (string file in ModelFiles)
        {
            writer.WriteStringValue(file);
        }
        writer.WriteEndArray();
        writer.WriteNumber("model_bytes", ModelBytes);
        writer.WriteEndObject();
    });

    /// <summary>
    /// The manifest of the model <paramref name="name"/> in <paramref name="folder"/>, or null when there is none, it
    /// cannot be read, or the files it names are missing or of another size (a pull to do again).
    /// </summary>
    public static CacheManifest? Read(string folder, string name)
    {
        var manifest = Parse(Path.Combine(folder, ModelCache.ManifestFile));
        if (manifest is null || manifest.Name != name || manifest.ModelFiles.Count == 0
            || !IsPlainName(manifest.Checkpoint) || !manifest.ModelFiles.All(IsPlainName)
            || SizeOf(folder, [manifest.Checkpoint]) != manifest.CheckpointBytes
            || SizeOf(folder, manifest.ModelFiles) != manifest.ModelBytes)
        {
            return null;
        }
        return manifest;
    }

    private static CacheManifest? Parse(string path) => CacheRecordFile.Read(path, root => new CacheManifest(
        root.GetProperty("name").GetString()!,
        root.GetProperty("url").GetString()!,
        root.GetProperty("checkpoint").GetString()!,
        root.GetProperty("checkpoint_bytes").GetInt64(),
        root.GetProperty("model_files").EnumerateArray().Select(file => file.GetString()!).ToArray(),
        root.GetProperty("model_bytes").GetInt64()));

    // The manifest names files inside the model's folder, never a path that leads out of it.
    private static bool IsPlainName(string? file) =>
        file is { Length: > 0 } && file == Path.GetFileName(file) && file is not ("." or "..");

    /// <summary>The size of <paramref name="files"/> together, or null when one is missing.</summary>
    private static long? SizeOf(string folder, IEnumerable<string> files)
    {
        long total = 0;
        foreach (string file in files)
        {
            var info = new FileInfo(Path.Combine(folder, file));
            if (!info.Exists)
            {
                return null;
            }
            total += info.Length;
        }
        return total;
    }
}
