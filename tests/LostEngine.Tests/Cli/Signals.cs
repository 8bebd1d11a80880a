using System.Runtime.InteropServices;

namespace LostEngine.Tests.Cli;

/// <summary>Sends a POSIX signal to a child process, as a terminal's Ctrl-C or a scheduler's stop would.</summary>
internal static partial class Signals
{
    public const int Sigterm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; 0 when it was sent.</summary>
    public static int Send(int pid, int signal) => SendSignal(pid, signal);

    // libc's kill(2): .NET can only SIGKILL a process, and a kill binary may be missing on a minimal machine.
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
