namespace LostEngine.IO;

/// <summary>
/// A whole file written next to its destination, then moved over it, so readers never see it half done; a write
/// that fails (a full disk, an error while producing the bytes) removes its temporary file and leaves the
/// destination as it was.
/// </summary>
internal sealed class AtomicFile : IDisposable
{
    private readonly string _temporary;
    private readonly string _destination;
    private FileStream? _stream;

    private AtomicFile(string destination)
    {
        _destination = destination;
        _temporary = destination + ".partial";
        // Unbuffered: every writer here hands over large blocks, and a failed write then leaves nothing pending
        // that disposing would try, and fail, to write again.
        _stream = new FileStream(_temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
    }

    /// <summary>Where to write the bytes.</summary>
    public Stream Stream => _stream ?? throw new ObjectDisposedException(nameof(AtomicFile));

    /// <summary>Starts the file at <paramref name="path"/>, creating its folder if needed.</summary>
    public static AtomicFile Create(string path)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        return new AtomicFile(full);
    }

    /// <summary>Writes the file with <paramref name="write"/> and moves it into place.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var file = Create(path);
        write(file.Stream);
        file.Commit();
    }

    /// <summary>Pushes the bytes to the disk and moves the file into place.</summary>
    public void Commit()
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(AtomicFile));
        try
        {
            stream.Flush(flushToDisk: true);
            stream.Dispose();
            _stream = null;
            File.Move(_temporary, _destination, overwrite: true);
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    /// <summary>Removes the temporary file unless <see cref="Commit"/> moved it into place.</summary>
    public void Dispose()
    {
        if (_stream is not null)
        {
            Abandon();
        }
    }

    private void Abandon()
    {
        _stream?.Dispose();
        _stream = null;
        try
        {
            File.Delete(_temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write already failed; that is the error to report, not a failed clean-up.
        }
    }
}
