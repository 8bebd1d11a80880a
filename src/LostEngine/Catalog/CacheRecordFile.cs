using System.Text.Json;
using LostEngine.IO;

namespace LostEngine.Catalog;

/// <summary>
/// Reads the small JSON records the cache keeps (a manifest, a part's record). They are the cache's own, but a crash
/// or a hand may have cut or edited one: anything unreadable reads as no record, and the pull that follows writes
/// a new one.
/// </summary>
internal static class CacheRecordFile
{
    // A record is a few hundred bytes; anything much larger is not one of ours.
    private const int MaxBytes = 64 * 1024;

    /// <summary>What <paramref name="read"/> takes from the JSON at <paramref name="path"/>, or null when there is nothing readable there.</summary>
    public static T? Read<T>(string path, Func<JsonElement, T?> read)
        where T : class
    {
        try
        {
            // Regular files only, size checked first: a FIFO in the cache would otherwise block every lost that reads it.
            using var document = JsonDocument.Parse(BoundedFileReader.Read(path, MaxBytes, path, "a cache record"));
            return read(document.RootElement);
        }
        catch (Exception e) when (e is LostInputException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
