namespace LostEngine.Cli;

/// <summary>Process exit codes of <c>lost</c>; scripts branch on them.</summary>
public static class ExitCodes
{
    /// <summary>The command did everything asked (including "no object found", which is an answer).</summary>
    public const int Success = 0;
    /// <summary>Something failed that was not the caller's input (an output that cannot be written, a runtime failure).</summary>
    public const int Failure = 1;
    /// <summary>The input was bad: a malformed file, an impossible option, a missing model output; nothing was done.</summary>
    public const int BadInput = 2;
    /// <summary>The run finished, but some images failed; they are listed on stderr and in the log.</summary>
    public const int PartlyFailed = 3;
    /// <summary>The run was interrupted (Ctrl-C, SIGTERM) after writing what was finished.</summary>
    public const int Interrupted = 130;

    /// <summary>The exit codes as <c>--help</c> and the README explain them.</summary>
    public const string Help =
        "Exit codes: 0 everything done; 2 bad input, nothing done; 3 finished, but some images failed (listed on stderr and in --log); "
        + "130 interrupted after writing what was finished; 1 anything else (such as an output that cannot be written).";
}
