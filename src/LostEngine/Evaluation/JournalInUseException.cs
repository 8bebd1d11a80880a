namespace LostEngine.Evaluation;

/// <summary>
/// A <see cref="ResumeJournal"/> is already open elsewhere, in this process or another: a run on the same output is
/// going on, and opening it again would lose or repeat that run's work.
/// </summary>
public sealed class JournalInUseException : IOException
{
    /// <summary>Creates the error for the journal at <paramref name="journalPath"/>, keeping the error that revealed it.</summary>
    public JournalInUseException(string journalPath, Exception inner)
        : base($"{journalPath}: the journal is open in another run", inner)
    {
        JournalPath = journalPath;
    }

    /// <summary>The journal's full path.</summary>
    public string JournalPath { get; }
}
