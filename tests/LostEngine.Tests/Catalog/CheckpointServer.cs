using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LostEngine.Tests.Catalog;

/// <summary>
/// A loopback HTTP/1.1 server the catalogue tests start themselves, so nothing in the suite touches the internet.
/// It serves byte arrays by path with single byte ranges (<c>Range: bytes=N-</c>, honoured under <c>If-Range</c>
/// only when the ETag matches, as RFC 9110 says), answers 404 for anything else, and can misbehave on purpose: drop
/// the connection part way through a body, hold a body part way until the test releases it, or leave out
/// <c>Content-Length</c>. Every connection is closed after its answer, so no client reuses one across a drop.
/// </summary>
internal sealed class CheckpointServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, Served> _files = new(StringComparer.Ordinal);
    private readonly List<Request> _requests = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();

    public CheckpointServer()
    {
        _listener.Start();
        _ = Task.Run(AcceptAll);
    }

    /// <summary>One request as it arrived.</summary>
    public sealed record Request(string Path, string? Range, string? IfRange);

    /// <summary>The server's address, for <c>LOSTENGINE_MODEL_BASE_URL</c>.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Every request so far, in order.</summary>
    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Serves <paramref name="bytes"/> at <paramref name="path"/> as the version <paramref name="etag"/> (replacing what was there).</summary>
    public void Serve(string path, byte[] bytes, string etag = "\"v1\"", bool announceLength = true)
    {
        lock (_gate)
        {
            _files[path] = new Served(bytes, etag, announceLength);
        }
    }

    /// <summary>The next answer for <paramref name="path"/> sends <paramref name="bytes"/> bytes of its body, then closes the connection.</summary>
    public void DropOnce(string path, int bytes) => Misbehave(path, new Misbehaviour(bytes, Hold: null));

    /// <summary>
    /// The next answer for <paramref name="path"/> sends <paramref name="bytes"/> bytes of its body, then waits until the
    /// returned gate is released (or the server disposed) before sending the rest.
    /// </summary>
    public SemaphoreSlim HoldOnce(string path, int bytes)
    {
        var hold = new SemaphoreSlim(0);
        Misbehave(path, new Misbehaviour(bytes, hold));
        return hold;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private void Misbehave(string path, Misbehaviour misbehaviour)
    {
        lock (_gate)
        {
            _files[path] = _files[path] with { Next = misbehaviour };
        }
    }

    private async Task AcceptAll()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => Answer(client));
        }
    }

    private async Task Answer(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHead(stream);
                if (head is null)
                {
                    return;
                }
                await Respond(stream, head.Value.Path, head.Value.Headers);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, or the test ended: nothing to answer.
            }
        }
    }

    private async Task Respond(NetworkStream stream, string path, Dictionary<string, string> headers)
    {
        string? range = headers.GetValueOrDefault("range");
        string? ifRange = headers.GetValueOrDefault("if-range");
        Served? served;
        Misbehaviour? misbehaviour = null;
        lock (_gate)
        {
            _requests.Add(new Request(path, range, ifRange));
            if (_files.TryGetValue(path, out served) && served.Next is { } next)
            {
                misbehaviour = next;
                _files[path] = served with { Next = null };
            }
        }
        if (served is null)
        {
            await Write(stream, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return;
        }
        long length = served.Bytes.Length;
        long from = 0;
        string status = "200 OK";
        string extra = "";
        if (range is not null && (ifRange is null || ifRange == served.ETag) && ParseFrom(range) is long start)
        {
            if (start >= length)
            {
                await Write(stream, $"HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{length}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }
            from = start;
            status = "206 Partial Content";
            extra = $"Content-Range: bytes {from}-{length - 1}/{length}\r\n";
        }
        string lengthHeader = served.AnnounceLength ? $"Content-Length: {length - from}\r\n" : "";
        await Write(stream, $"HTTP/1.1 {status}\r\n{lengthHeader}{extra}ETag: {served.ETag}\r\nAccept-Ranges: bytes\r\nConnection: close\r\n\r\n");
        var body = served.Bytes.AsMemory((int)from);
        if (misbehaviour is { } m)
        {
            int first = Math.Min(m.Bytes, body.Length);
            await stream.WriteAsync(body[..first], _stop.Token);
            await stream.FlushAsync(_stop.Token);
            if (m.Hold is null)
            {
                return;
            }
            await m.Hold.WaitAsync(_stop.Token);
            body = body[first..];
        }
        await stream.WriteAsync(body, _stop.Token);
    }

    private static long? ParseFrom(string range)
    {
        const string Prefix = "bytes=";
        if (!range.StartsWith(Prefix, StringComparison.Ordinal) || !range.EndsWith('-'))
        {
            return null;
        }
        return long.TryParse(range.AsSpan(Prefix.Length, range.Length - Prefix.Length - 1), out long from) ? from : null;
    }

    private async Task<(string Path, Dictionary<string, string> Headers)?> ReadHead(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var buffer = new byte[1];
        // A request head ends with an empty line; the tests send nothing larger than a few hundred bytes.
        while (bytes.Count < 16384 && !(bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(buffer, _stop.Token) == 0)
            {
                return null;
            }
            bytes.Add(buffer[0]);
        }
        var lines = Encoding.ASCII.GetString([.. bytes]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string path = lines[0].Split(' ')[1];
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }
        return (path, headers);
    }

    private async Task Write(NetworkStream stream, string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text), _stop.Token);

    private sealed record Served(byte[] Bytes, string ETag, bool AnnounceLength, Misbehaviour? Next = null);

    private sealed record Misbehaviour(int Bytes, SemaphoreSlim? Hold);
}
