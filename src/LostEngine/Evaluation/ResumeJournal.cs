using LostEngine.IO;

namespace LostEngine.Evaluation;

/// <summary>
/// The append-only record of a run's finished images, one JSON line each after a header line of the
/// <see cref="JournalSettings"/> the results depend on, so that a run started again after a crash skips what is
/// done, never counts an image twice, and can tell whether it is the same run. While open, a lock file beside it
/// (<see cref="LockPath"/>) is held exclusively, so a second run on the same output is refused, in this process or
/// another; the journal itself stays readable (a test, <c>lost merge</c> or <c>tail -f</c> while the run goes on).
/// </summary>
public sealed class ResumeJournal : IDisposable
{
    private readonly Dictionary<string, ImageResultRecord> _finished;
    private readonly Dictionary<string, ImageResultRecord> _failed;
    private readonly FileStream _lock;
    private readonly FileStream _stream;
    private readonly JsonLinesWriter _writer;

    private ResumeJournal(FileStream lockFile, FileStream stream, JsonLinesContent content, Dictionary<string, ImageResultRecord> finished,
        Dictionary<string, ImageResultRecord> failed, IReadOnlyList<EvaluationIssue> issues)
    {
        _lock = lockFile;
        _stream = stream;
        _finished = finished;
        _failed = failed;
        Settings = content.Settings;
        Issues = issues;
        _writer = new JsonLinesWriter(stream);
    }

    /// <summary>The lock file held while a journal is open: the journal's path with <c>.lock</c> added.</summary>
    public static string LockPath(string journalPath) => Path.GetFullPath(journalPath) + ".lock";

    /// <summary>The journal's file, as a full path.</summary>
    public string FilePath => _writer.FilePath;

    /// <summary>What the results in the journal depend on; null for a new journal, or one written before headers were.</summary>
    public JournalSettings? Settings { get; private set; }

    /// <summary>The images finished so far with their results, earlier runs included.</summary>
    public IReadOnlyDictionary<string, ImageResultRecord> Finished => _finished;

    /// <summary>The images whose last record is a failure (<see cref="ImageResultRecord.IsFailure"/>): not finished.</summary>
    public IReadOnlyDictionary<string, ImageResultRecord> Failed => _failed;

    /// <summary>What was repaired on opening (a cut-short last line) or repeated in the file.</summary>
    public IReadOnlyList<EvaluationIssue> Issues { get; }

    /// <summary>
    /// Opens the journal, creating it if absent, and locks it until disposed. A last line cut short by a crash is
    /// cut off the file, so the next line starts clean; a complete last record missing only its newline gets one.
    /// A failure followed by a result for the same image is a retry that succeeded; a second result is a repeat,
    /// the first kept.
    /// </summary>
    /// <exception cref="JournalInUseException">The journal is open elsewhere.</exception>
    /// <exception cref="LostInputException">The file cannot be read or written, or a line before the last is damaged.</exception>
    public static ResumeJournal Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream lockFile = Lock(path);
        FileStream stream;
        try
        {
            stream = OpenShared(path);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
        try
        {
            JsonLinesContent content = JsonLinesReader.Parse(ReadAll(stream, path), path);
            var finished = new Dictionary<string, ImageResultRecord>(StringComparer.Ordinal);
            var failed = new Dictionary<string, ImageResultRecord>(StringComparer.Ordinal);
            var issues = new List<EvaluationIssue>(content.Issues);
            foreach (ImageResultRecord record in content.Records)
            {
                if (finished.ContainsKey(record.Image))
                {
                    issues.Add(new EvaluationIssue(record.Image, EvaluationIssueKind.DuplicatePrediction,
                        $"{path} records this image more than once; the first line is kept"));
                }
                else if (record.IsFailure)
                {
                    failed[record.Image] = record;
                }
                else
                {
                    failed.Remove(record.Image);
                    finished.Add(record.Image, record);
                }
            }
            Repair(stream, path, content);
            return new ResumeJournal(lockFile, stream, content, finished, failed, issues);
        }
        catch
        {
            stream.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Whether the image is already finished (a failure is not).</summary>
    public bool IsFinished(string image) => _finished.ContainsKey(image);

    /// <summary>
    /// Records an image and flushes the line to the disk. Returns false, writing nothing, when the image is
    /// already finished, so a result is never written twice; a failed image may be recorded again.
    /// </summary>
    public bool Record(ImageResultRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_finished)
        {
            if (_finished.ContainsKey(record.Image))
            {
                return false;
            }
            _writer.Append(record);
            if (record.IsFailure)
            {
                _failed[record.Image] = record;
            }
            else
            {
                _failed.Remove(record.Image);
                _finished.Add(record.Image, record);
            }
            return true;
        }
    }

    /// <summary>Empties the journal, forgetting every record, and starts it again with <paramref name="settings"/>.</summary>
    public void Restart(JournalSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        lock (_finished)
        {
            _stream.SetLength(0);
            _finished.Clear();
            _failed.Clear();
            _writer.AppendHeader(settings);
            Settings = settings;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Dispose();
        // Removed while still held, so a run that opens the path next makes a new file and locks that.
        try
        {
            File.Delete(_lock.Name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A lock file left behind holds nothing once closed; the next run locks it again.
        }
        _lock.Dispose();
    }

    private static FileStream Lock(string path)
    {
        string full = Path.GetFullPath(path);
        try
        {
            string? folder = Path.GetDirectoryName(full);
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
            // FileShare.None takes an exclusive lock (flock on Unix) that every other opening of the file by .NET
            // respects; the operating system drops it when the process ends, however it ends. It is taken on a file
            // of its own, because on the journal it would refuse the journal's readers too.
            return new FileStream(LockPath(full), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException e) when (FileLocks.IsHeldElsewhere(e))
        {
            throw new JournalInUseException(full, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException(path, $"the journal's lock file cannot be made ({e.Message})", e);
        }
    }

    private static FileStream OpenShared(string path)
    {
        try
        {
            // Readers may read along; the lock file keeps out every other writer.
            return new FileStream(Path.GetFullPath(path), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException(path, $"the journal cannot be opened for reading and appending ({e.Message})", e);
        }
    }

    private static byte[] ReadAll(FileStream stream, string path)
    {
        try
        {
            long length = stream.Length;
            if (length > Array.MaxLength)
            {
                throw new LostInputException(path, $"the journal is {length} bytes, more than one run can hold in memory");
            }
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (IOException e)
        {
            throw new LostInputException(path, $"the journal cannot be read ({e.Message})", e);
        }
    }

    private static void Repair(FileStream stream, string path, JsonLinesContent content)
    {
        try
        {
            if (stream.Length != content.CompleteLength)
            {
                stream.SetLength(content.CompleteLength);
            }
            stream.Seek(0, SeekOrigin.End);
            if (!content.EndsWithNewline)
            {
                stream.WriteByte((byte)'\n');
            }
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException(path, $"the journal cannot be repaired for appending ({e.Message})", e);
        }
    }
}
