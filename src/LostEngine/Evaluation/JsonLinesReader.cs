using LostEngine.IO;

namespace LostEngine.Evaluation;

/// <summary>Reads a JSON Lines file of <see cref="ImageResultRecord"/>s written by <see cref="JsonLinesWriter"/>.</summary>
public static class JsonLinesReader
{
    /// <summary>
    /// Reads every line. A last line with no newline that does not parse is what a crash mid-write leaves:
    /// it is reported and ignored. A bad line anywhere else means the file is damaged or not a log. A journal's
    /// header line (its <see cref="JournalSettings"/>) may come first; it is not a record.
    /// </summary>
    /// <exception cref="LostInputException">The file cannot be read, or a line other than a cut-short last one is not a record.</exception>
    public static JsonLinesContent Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Regular files only: a FIFO given as a part would block the merge for ever.
        return Parse(BoundedFileReader.Read(path, Array.MaxLength, path, "a JSON Lines file"), path);
    }

    /// <summary>Reads the lines of <paramref name="bytes"/>, the content of the file <paramref name="path"/>.</summary>
    internal static JsonLinesContent Parse(ReadOnlySpan<byte> bytes, string path)
    {
        var records = new List<ImageResultRecord>();
        var issues = new List<EvaluationIssue>();
        JournalSettings? settings = null;
        int start = 0;
        int lineNumber = 0;
        while (start < bytes.Length)
        {
            lineNumber++;
            int newline = bytes[start..].IndexOf((byte)'\n');
            bool complete = newline >= 0;
            int end = complete ? start + newline : bytes.Length;
            ReadOnlySpan<byte> line = bytes[start..end].TrimEnd((byte)'\r');
            if (!line.Trim(" \t"u8).IsEmpty)
            {
                string? problem;
                bool parsed;
                if (records.Count == 0 && settings is null && JournalSettingsJson.IsHeader(line))
                {
                    settings = JournalSettingsJson.TryRead(line, out problem);
                    parsed = settings is not null;
                }
                else
                {
                    ImageResultRecord? record = ImageResultRecordJson.TryRead(line, out problem);
                    if (record is not null)
                    {
                        records.Add(record);
                    }
                    parsed = record is not null;
                }
                if (!parsed)
                {
                    if (complete)
                    {
                        throw new LostInputException(path, $"line {lineNumber}: {problem}");
                    }
                    issues.Add(new EvaluationIssue($"{path}:{lineNumber}", EvaluationIssueKind.TruncatedLine,
                        "the last line is cut short (a crash mid-write); ignored"));
                    return new JsonLinesContent(records, issues, start, true, settings);
                }
            }
            start = complete ? end + 1 : bytes.Length;
        }
        return new JsonLinesContent(records, issues, bytes.Length, bytes.Length == 0 || bytes[^1] == (byte)'\n', settings);
    }
}
