using System.Text;

namespace LostEngine.Cli.Runs;

/// <summary>
/// The <c>--log</c> file: one line per image appended as each finishes, with no buffer, so a line is in the file
/// for <c>tail -f</c> as soon as it is written and a write that fails (a full disk) leaves nothing pending that
/// closing the file would fail on again.
/// </summary>
internal sealed class RunLog : IDisposable
{
    private readonly FileStream _stream;

    public RunLog(string path)
    {
        Path = path;
        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
    }

    /// <summary>The file, as given.</summary>
    public string Path { get; }

    public void WriteLine(string line)
    {
        int count = Encoding.UTF8.GetByteCount(line);
        byte[] bytes = new byte[count + 1];
        Encoding.UTF8.GetBytes(line, bytes);
        bytes[count] = (byte)'\n';
        _stream.Write(bytes);
    }

    public void Dispose() => _stream.Dispose();
}
