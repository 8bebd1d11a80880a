using System.Net;
using System.Net.Http.Headers;

namespace LostEngine.Catalog;

/// <summary>
/// Starts the download of a checkpoint into <c>FILE.partial</c>, which is renamed to <c>FILE</c> only once it has
/// the size the server announced, so a file under its final name is always whole. An interrupted download keeps its
/// bytes; the next one asks for the rest with an HTTP range request, on condition that the file is still the same
/// version (If-Range), and starts over when the server sends the whole file instead or announces another size.
/// </summary>
internal sealed class CheckpointDownload(TimeSpan stallTimeout)
{
    /// <summary>How long a download may receive nothing before it is given up (kept for the next attempt).</summary>
    public static readonly TimeSpan DefaultStallTimeout = TimeSpan.FromSeconds(60);

    // One client for the process: it pools connections, and its handler follows HTTP_PROXY and HTTPS_PROXY.
    // Checkpoints are sent as they are stored; a compressed answer would make byte ranges mean something else.
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
    })
    {
        // The stall timeout bounds each wait instead: a whole checkpoint may take longer than any fixed limit.
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { UserAgent = { new ProductInfoHeaderValue("lostengine", typeof(CheckpointDownload).Assembly.GetName().Version?.ToString(3)) } },
    };

    /// <summary>Where the download of <paramref name="destination"/> keeps its bytes until whole.</summary>
    public static string PartialPath(string destination) => destination + ".partial";

    /// <summary>The record of what the <c>.partial</c> file of <paramref name="destination"/> is the start of.</summary>
    public static string StatePath(string destination) => PartialPath(destination) + ".json";

    /// <summary>
    /// Asks the server for <paramref name="url"/> (the rest of it, if an earlier attempt kept a part) and returns the
    /// transfer once the server has said how long the file is; nothing is received yet.
    /// </summary>
    /// <exception cref="DownloadRefusedException">The server cannot be reached or will not send the file.</exception>
    /// <exception cref="LostInputException">The cache's disk has no room for the rest of the file.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public CheckpointTransfer Start(Uri url, string destination, CancellationToken cancellation)
    {
        var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        try
        {
            return StartAsync(url, destination, stall, cancellation).GetAwaiter().GetResult();
        }
        catch
        {
            stall.Dispose();
            throw;
        }
    }

    private async Task<CheckpointTransfer> StartAsync(Uri url, string destination, CancellationTokenSource stall, CancellationToken cancellation)
    {
        string partial = PartialPath(destination);
        string statePath = StatePath(destination);
        var state = PartialDownload.Read(statePath);
        long offset = state is null ? 0 : LengthOf(partial);
        // Bytes without a record of their version cannot be vouched for; nor can a part longer than the whole.
        if (state is null || offset > state.TotalBytes)
        {
            state = null;
            offset = 0;
        }
        var target = new CheckpointTransfer.Target(url, destination, stall, stallTimeout, cancellation);
        bool restarted = false;
        while (true)
        {
            var response = await Send(url, offset > 0 ? state : null, offset, stall, cancellation);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    long total = response.Content.Headers.ContentLength ?? throw Refuse(response, url,
                        "the server does not say how long the file is (no Content-Length), so the download could not be checked");
                    state = PartialDownload.Of(response, total);
                    state.Write(statePath);
                    return Transfer(target, response, 0, total);
                case HttpStatusCode.PartialContent when state is not null && IsRestOf(response.Content.Headers.ContentRange, offset, state.TotalBytes):
                    return Transfer(target, response, offset, state.TotalBytes);
                case HttpStatusCode.RequestedRangeNotSatisfiable when state is not null && offset == state.TotalBytes
                    && response.Content.Headers.ContentRange is { HasLength: true } range && range.Length == state.TotalBytes:
                    // The last attempt had every byte and stopped before its rename.
                    response.Dispose();
                    return new CheckpointTransfer(target, null, offset, state.TotalBytes);
                case HttpStatusCode.PartialContent or HttpStatusCode.RequestedRangeNotSatisfiable when !restarted:
                    // Another size or another range than the part is of: the file changed on the server.
                    response.Dispose();
                    restarted = true;
                    offset = 0;
                    state = null;
                    continue;
                default:
                    throw Refuse(response, url, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
            }
        }
    }

    private static CheckpointTransfer Transfer(CheckpointTransfer.Target target, HttpResponseMessage response, long offset, long total)
    {
        try
        {
            RequireRoom(target.Partial, total - offset);
            return new CheckpointTransfer(target, response, offset, total);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static DownloadRefusedException Refuse(HttpResponseMessage response, Uri url, string reason)
    {
        response.Dispose();
        return new DownloadRefusedException(url, reason);
    }

    private async Task<HttpResponseMessage> Send(Uri url, PartialDownload? resume, long offset, CancellationTokenSource stall, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (resume is not null)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
            request.Headers.IfRange = resume.IfRange;
        }
        stall.CancelAfter(stallTimeout);
        try
        {
            return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token);
        }
        catch (HttpRequestException e)
        {
            throw new DownloadRefusedException(url, e.InnerException is System.Net.Sockets.SocketException socket ? socket.Message : e.Message);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new DownloadRefusedException(url, $"the server did not answer within {stallTimeout.TotalSeconds:0.#} s");
        }
    }

    private static bool IsRestOf(ContentRangeHeaderValue? range, long offset, long total) =>
        range is { HasRange: true, HasLength: true } && range.From == offset && range.Length == total && range.To == total - 1;

    /// <summary>Refuses a download the cache's disk cannot hold, before it fills the disk for nothing.</summary>
    private static void RequireRoom(string partial, long needed)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(partial))!;
        long free;
        try
        {
            free = new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // A file system that will not say leaves the check to the writes.
            return;
        }
        if (free < needed)
        {
            throw new LostInputException(CatalogSettings.CacheVariable, $"'{folder}' has {free} bytes free; the download needs {needed} more.");
        }
    }

    private static long LengthOf(string path) => new FileInfo(path) is { Exists: true } info ? info.Length : 0;
}
