namespace LostEngine.Cli.Progress;

/// <summary>What a long run tells its progress display; called from the run's consumer thread.</summary>
internal interface IRunProgress
{
    /// <summary>One more image is finished (or failed) out of the run's total.</summary>
    void ImageFinished(bool failed);
}

/// <summary>How a run shows progress.</summary>
internal enum ProgressMode
{
    /// <summary>A live bar when stderr is a terminal, periodic plain lines otherwise.</summary>
    Auto,

    /// <summary>Nothing at all (<c>--quiet</c>).</summary>
    Quiet,
}
