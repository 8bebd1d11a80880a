namespace LostEngine.Evaluation;

/// <summary>
/// The append-only record of a run's finished images, one JSON line each, so that a run started again
/// after a crash skips what is done and never counts an image twice.
/// </summary>
public sealed class ResumeJournal : IDisposable
{
    private readonly Dictionary<string, ImageResultRecord> _finished;
    private readonly JsonLinesWriter _writer;

    private ResumeJournal(string path, Dictionary<string, ImageResultRecord> finished, IReadOnlyList<EvaluationIssue> issues)
    {
        _finished = finished;
        Issues = issues;
        _writer = new JsonLinesWriter(path);
    }

    /// <summary>The images finished so far with their results, earlier runs included.</summary>
    public IReadOnlyDictionary<string, ImageResultRecord> Finished => _finished;

    /// <summary>What was repaired on opening (a cut-short last line) or repeated in the file.</summary>
    public IReadOnlyList<EvaluationIssue> Issues { get; }

    /// <summary>
    /// Opens the journal, creating it if absent. A last line cut short by a crash is cut off the file, so
    /// the next line starts clean; a complete last record missing only its newline gets one.
    /// </summary>
    /// <exception cref="LostInputException">The file cannot be read or written, or a line before the last is damaged.</exception>
    public static ResumeJournal Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var finished = new Dictionary<string, ImageResultRecord>(StringComparer.Ordinal);
        var issues = new List<EvaluationIssue>();
        if (File.Exists(path))
        {
            JsonLinesContent content = JsonLinesReader.Read(path);
            issues.AddRange(content.Issues);
            foreach (ImageResultRecord record in content.Records)
            {
                if (!finished.TryAdd(record.Image, record))
                {
                    issues.Add(new EvaluationIssue(record.Image, EvaluationIssueKind.DuplicatePrediction,
                        $"{path} records this image more than once; the first line is kept"));
                }
            }
            Repair(path, content);
        }
        return new ResumeJournal(path, finished, issues);
    }

    /// <summary>Whether the image is already finished.</summary>
    public bool IsFinished(string image) => _finished.ContainsKey(image);

    /// <summary>
    /// Records a finished image and flushes the line to the disk. Returns false, writing nothing, when the
    /// image is already finished, so a result is never written twice.
    /// </summary>
    public bool Record(ImageResultRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_finished)
        {
            if (!_finished.TryAdd(record.Image, record))
            {
                return false;
            }
            _writer.Append(record);
            return true;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private static void Repair(string path, JsonLinesContent content)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            if (stream.Length != content.CompleteLength)
            {
                stream.SetLength(content.CompleteLength);
            }
            if (!content.EndsWithNewline)
            {
                stream.Seek(0, SeekOrigin.End);
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
