namespace LostEngine.Catalog;

/// <summary>
/// A checkpoint download the server has answered: the file's size and where it resumes are known, and
/// <see cref="Receive"/> writes the rest of the bytes to the <c>.partial</c> file and renames it once whole.
/// </summary>
internal sealed class CheckpointTransfer : IDisposable
{
    private const int BufferBytes = 1 << 20;

    private readonly Target _target;
    private readonly HttpResponseMessage? _response;

    /// <param name="target">Where the bytes go and how long to wait for them.</param>
    /// <param name="response">The answer whose body holds the rest; null when the part is already whole.</param>
    /// <param name="resumedFrom">The bytes already in the part.</param>
    /// <param name="totalBytes">The whole file's size.</param>
    internal CheckpointTransfer(Target target, HttpResponseMessage? response, long resumedFrom, long totalBytes)
    {
        _target = target;
        _response = response;
        ResumedFrom = resumedFrom;
        TotalBytes = totalBytes;
    }

    /// <summary>The whole file's size, as the server announced it.</summary>
    public long TotalBytes { get; }

    /// <summary>The bytes an earlier attempt kept, which are not downloaded again.</summary>
    public long ResumedFrom { get; }

    /// <summary>Receives the rest of the file, reporting each block to <paramref name="progress"/>, and moves it under its name.</summary>
    /// <returns>The file's size.</returns>
    /// <exception cref="DownloadInterruptedException">The download stopped part way; what arrived is kept.</exception>
    /// <exception cref="OperationCanceledException">The pull was cancelled; what arrived is kept.</exception>
    public long Receive(IDownloadProgress progress)
    {
        if (_response is not null)
        {
            ReceiveAsync(_response, progress).GetAwaiter().GetResult();
        }
        long length = new FileInfo(_target.Partial).Length;
        if (length != TotalBytes)
        {
            throw Interrupted(length, "the file on disk is not the size the server announced");
        }
        File.Move(_target.Partial, _target.Destination, overwrite: true);
        File.Delete(CheckpointDownload.StatePath(_target.Destination));
        return TotalBytes;
    }

    public void Dispose()
    {
        _response?.Dispose();
        _target.Stall.Dispose();
    }

    private async Task ReceiveAsync(HttpResponseMessage response, IDownloadProgress progress)
    {
        using var file = Open();
        long written = ResumedFrom;
        var buffer = new byte[BufferBytes];
        var stall = _target.Stall;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(stall.Token);
            while (true)
            {
                stall.CancelAfter(_target.StallTimeout);
                int read = await body.ReadAsync(buffer, stall.Token);
                if (read == 0)
                {
                    break;
                }
                Write(file, buffer.AsSpan(0, read), written);
                written += read;
                progress.Advanced(read);
            }
        }
        catch (OperationCanceledException) when (!_target.Cancellation.IsCancellationRequested)
        {
            throw Interrupted(written, $"nothing arrived for {_target.StallTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException && e is not DownloadInterruptedException)
        {
            throw Interrupted(written, e.Message, e);
        }
        finally
        {
            KeepWritten(file);
        }
        if (written != TotalBytes)
        {
            throw Interrupted(written, $"the server sent {written - ResumedFrom} bytes where it announced {TotalBytes - ResumedFrom}");
        }
    }

    private FileStream Open()
    {
        try
        {
            // The pull's lock keeps out other writers; readers may look.
            var file = new FileStream(_target.Partial, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
            file.SetLength(ResumedFrom);
            file.Position = ResumedFrom;
            return file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Interrupted(ResumedFrom, $"'{_target.Partial}' cannot be written: {e.Message}", e);
        }
    }

    private void Write(FileStream file, ReadOnlySpan<byte> bytes, long written)
    {
        try
        {
            file.Write(bytes);
        }
        catch (IOException e)
        {
            throw Interrupted(written, $"'{_target.Partial}' cannot be written: {e.Message}", e);
        }
    }

    private static void KeepWritten(FileStream file)
    {
        try
        {
            file.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            // The error that stopped the download is the one to report; the next attempt resumes from the file's length.
        }
    }

    private DownloadInterruptedException Interrupted(long kept, string reason, Exception? inner = null) =>
        new(_target.Url, _target.Partial, kept, TotalBytes, reason, inner);

    /// <summary>Where a transfer's bytes go and how long it waits for them.</summary>
    /// <param name="Url">The file's address.</param>
    /// <param name="Destination">The file's final path.</param>
    /// <param name="Stall">Cancelled when the pull is, or when nothing arrives for <paramref name="StallTimeout"/>; owned by the transfer.</param>
    /// <param name="StallTimeout">How long a silence may last.</param>
    /// <param name="Cancellation">The pull's own cancellation, to tell it from a silence.</param>
    internal sealed record Target(Uri Url, string Destination, CancellationTokenSource Stall, TimeSpan StallTimeout, CancellationToken Cancellation)
    {
        public string Partial => CheckpointDownload.PartialPath(Destination);
    }
}
