namespace LostEngine.Kernel;

/// <summary>What every workspace checks before it allocates, so each refuses a size or option the same way.</summary>
internal static class WorkspaceChecks
{
    /// <summary>The options a workspace of this size runs with (the default when none) and the width they resolve to.</summary>
    /// <exception cref="LostInputException">A size is below 1, the thread count is below 1 or above
    /// <see cref="LostKernelOptions.MaxThreads"/>, or the width is not one this CPU runs.</exception>
    public static (LostKernelOptions Options, KernelWidth Width) Check(int maxPatches, int maxDim, LostKernelOptions? options)
    {
        if (maxPatches < 1)
        {
            throw new LostInputException(nameof(maxPatches), $"must be at least 1, got {maxPatches}.");
        }
        if (maxDim < 1)
        {
            throw new LostInputException(nameof(maxDim), $"must be at least 1, got {maxDim}.");
        }
        var resolved = options ?? LostKernelOptions.Default;
        resolved.Validate();
        return (resolved, KernelWidthSelector.Resolve(resolved.Width));
    }
}
