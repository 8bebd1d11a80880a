using System.Runtime.InteropServices;

namespace LostEngine.Tests.Runs;

/// <summary>Files that are not regular files, made with libc: .NET can create none of them.</summary>
internal static partial class SpecialFiles
{
    /// <summary>Creates a FIFO (named pipe) at <paramref name="path"/>, as <c>mkfifo</c> does.</summary>
    public static void MakeFifo(string path)
    {
        if (MkFifo(path, Convert.ToUInt32("644", 8)) != 0)
        {
            throw new IOException($"mkfifo {path} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a thread of its own and returns whether it ended in time. A call that hangs
    /// (a blocking open of a FIFO) then fails its test instead of hanging the suite.
    /// </summary>
    public static bool Finishes(Action action, out Exception? thrown)
    {
        Exception? caught = null;
        var thread = new Thread(() => caught = Record.Exception(action)) { IsBackground = true };
        thread.Start();
        bool finished = thread.Join(TimeSpan.FromSeconds(60));
        thrown = caught;
        return finished;
    }

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int MkFifo(string path, uint mode);
}
