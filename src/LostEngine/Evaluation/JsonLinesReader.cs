namespace LostEngine.Evaluation;

/// <summary>Reads a JSON Lines file of <see cref="ImageResultRecord"/>s written by <see cref="JsonLinesWriter"/>.</summary>
public static class JsonLinesReader
{
    /// <summary>
    /// Reads every line. A last line with no newline that does not parse is what a crash mid-write leaves:
    /// it is reported and ignored. A bad line anywhere else means the file is damaged or not a log.
    /// </summary>
    /// <exception cref="LostInputException">The file cannot be read, or a line other than a cut-short last one is not a record.</exception>
    public static JsonLinesContent Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException(path, $"the JSON Lines file cannot be read ({e.Message})", e);
        }

        var records = new List<ImageResultRecord>();
        var issues = new List<EvaluationIssue>();
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.Length)
        {
            lineNumber++;
            int newline = Array.IndexOf(bytes, (byte)'\n', start);
            bool complete = newline >= 0;
            int end = complete ? newline : bytes.Length;
            ReadOnlySpan<byte> line = bytes.AsSpan(start, end - start).TrimEnd((byte)'\r');
            if (!line.Trim(" \t"u8).IsEmpty)
            {
                ImageResultRecord? record = ImageResultRecordJson.TryRead(line, out string? problem);
                if (record is not null)
                {
                    records.Add(record);
                }
                else if (complete)
                {
                    throw new LostInputException(path, $"line {lineNumber}: {problem}");
                }
                else
                {
                    issues.Add(new EvaluationIssue($"{path}:{lineNumber}", EvaluationIssueKind.TruncatedLine,
                        "the last line is cut short (a crash mid-write); ignored"));
                    return new JsonLinesContent(records, issues, start, true);
                }
            }
            start = complete ? newline + 1 : bytes.Length;
        }
        return new JsonLinesContent(records, issues, bytes.Length, bytes.Length == 0 || bytes[^1] == (byte)'\n');
    }
}
