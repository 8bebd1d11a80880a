using System.Net.Http.Headers;
using System.Text.Json;

namespace LostEngine.Catalog;

/// <summary>
/// What a <c>.partial</c> file is the start of: the whole file's size and the server's validator of that version
/// (its ETag, else its date), kept beside it so a resumed download asks only for the same version and checks the
/// same size.
/// </summary>
/// <param name="TotalBytes">The whole file's size, as the server announced it.</param>
/// <param name="ETag">The server's strong entity tag of that version, if it sent one.</param>
/// <param name="LastModified">The version's date, if the server sent one.</param>
internal sealed record PartialDownload(long TotalBytes, string? ETag, DateTimeOffset? LastModified)
{
    /// <summary>What <paramref name="response"/>, carrying the whole file, says of its version.</summary>
    public static PartialDownload Of(HttpResponseMessage response, long totalBytes) => new(
        totalBytes,
        // A weak tag may not be used in If-Range (RFC 9110 13.1.5).
        response.Headers.ETag is { IsWeak: false } tag ? tag.Tag : null,
        response.Content.Headers.LastModified);

    /// <summary>The condition under which the server may send only the rest, or null when it cannot be stated.</summary>
    public RangeConditionHeaderValue? IfRange => ETag is not null ? new RangeConditionHeaderValue(new EntityTagHeaderValue(ETag))
        : LastModified is { } date ? new RangeConditionHeaderValue(date)
        : null;

    /// <summary>The record at <paramref name="path"/>, or null when there is none or it cannot be read.</summary>
    public static PartialDownload? Read(string path) => CacheRecordFile.Read(path, root =>
    {
        long total = root.GetProperty("total_bytes").GetInt64();
        string? etag = root.TryGetProperty("etag", out var e) ? e.GetString() : null;
        DateTimeOffset? date = root.TryGetProperty("last_modified", out var d) ? d.GetDateTimeOffset() : null;
        return total >= 0 ? new PartialDownload(total, etag, date) : null;
    });

    /// <summary>Writes the record to <paramref name="path"/>, replacing any.</summary>
    public void Write(string path) => IO.AtomicFile.Write(path, stream =>
    {
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        writer.WriteNumber("total_bytes", TotalBytes);
        if (ETag is not null)
        {
            writer.WriteString("etag", ETag);
        }
        if (LastModified is { } date)
        {
            writer.WriteString("last_modified", date);
        }
        writer.WriteEndObject();
    });
}
