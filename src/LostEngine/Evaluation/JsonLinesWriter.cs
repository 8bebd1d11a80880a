using System.Buffers;
using System.Text.Json;

namespace LostEngine.Evaluation;

/// <summary>
/// Appends <see cref="ImageResultRecord"/> lines to a JSON Lines file and pushes each line to the disk
/// before returning, so that a crash loses at most the line being written.
/// </summary>
public sealed class JsonLinesWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _json;
    private readonly Lock _gate = new();

    /// <summary>Opens the file for appending, creating it and its folder if needed.</summary>
    public JsonLinesWriter(string path)
        : this(OpenForAppending(path))
    {
    }

    /// <summary>Appends to <paramref name="stream"/>, positioned at the end of its file; the writer disposes it.</summary>
    internal JsonLinesWriter(FileStream stream)
    {
        _stream = stream;
        _json = new Utf8JsonWriter(_buffer);
        FilePath = stream.Name;
    }

    /// <summary>The file written.</summary>
    public string FilePath { get; }

    /// <summary>Writes one record as one line and flushes it to the disk.</summary>
    public void Append(ImageResultRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        AppendLine(record, static (json, r) => ImageResultRecordJson.Write(json, r));
    }

    /// <summary>Writes a journal's header line and flushes it to the disk.</summary>
    internal void AppendHeader(JournalSettings settings) => AppendLine(settings, JournalSettingsJson.Write);

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _json.Dispose();
            _stream.Dispose();
        }
    }

    private void AppendLine<T>(T item, Action<Utf8JsonWriter, T> write)
    {
        lock (_gate)
        {
            _buffer.ResetWrittenCount();
            _json.Reset();
            write(_json, item);
            _json.Flush();
            _buffer.GetSpan(1)[0] = (byte)'\n';
            _buffer.Advance(1);
            // One write for the line and its newline: a crash cuts at most this line, never an earlier one.
            _stream.Write(_buffer.WrittenSpan);
            _stream.Flush(flushToDisk: true);
        }
    }

    private static FileStream OpenForAppending(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        try
        {
            // Unbuffered: a line that fails to go out (a full disk) is not left pending for Dispose to fail on again.
            return new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException(path, $"the JSON Lines file cannot be opened for appending ({e.Message})", e);
        }
    }
}
