namespace LostEngine.IO;

/// <summary>Tells a file held by another opening (<see cref="FileShare"/>) from other I/O errors.</summary>
internal static class FileLocks
{
    private const int WindowsSharingViolation = unchecked((int)0x80070020);

    // On Unix .NET takes the lock with flock and reports the raw errno of a refusal: EWOULDBLOCK, which Linux
    // numbers 11 and macOS and the BSDs 35.
    private const int LinuxWouldBlock = 11;
    private const int BsdWouldBlock = 35;

    /// <summary>Whether <paramref name="error"/> says the file is locked by another opening, in this process or another.</summary>
    public static bool IsHeldElsewhere(IOException error) => error.HResult == (
        OperatingSystem.IsWindows() ? WindowsSharingViolation
        : OperatingSystem.IsLinux() ? LinuxWouldBlock
        : BsdWouldBlock);
}
