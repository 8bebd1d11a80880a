namespace LostEngine.Cli;

/// <summary>Process exit codes of <c>lost</c>; scripts branch on them.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (including "no object found", which is an answer).</summary>
    public const int Success = 0;
    /// <summary>Something failed that was not the caller's input (I/O error, runtime failure).</summary>
    public const int Failure = 1;
    /// <summary>The input was bad: a malformed file, an impossible option, a missing model output.</summary>
    public const int BadInput = 2;
    /// <summary>The run was interrupted (Ctrl-C) after flushing what was finished.</summary>
    public const int Interrupted = 130;
}
