using LostEngine.IO;

namespace LostEngine.Catalog;

/// <summary>
/// The lock a pull holds on its model's folder, so two processes pulling the same model take turns: the second
/// waits, then finds the model in the cache. The operating system drops the lock when its process ends, however
/// it ends, so a killed pull never blocks the next.
/// </summary>
internal sealed class PullLock : IDisposable
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LastPoll = TimeSpan.FromSeconds(1);

    private readonly FileStream _file;

    private PullLock(FileStream file) => _file = file;

    /// <summary>Takes the lock at <paramref name="path"/>, creating its folder, and waits while another holder has it.</summary>
    /// <param name="path">The lock file.</param>
    /// <param name="waiting">Called once if the lock is held elsewhere, before waiting.</param>
    /// <param name="cancellation">Ends the wait.</param>
    /// <exception cref="IOException">The folder or the lock file cannot be made.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the lock file may not be made.</exception>
    public static PullLock Take(string path, Action waiting, CancellationToken cancellation)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var poll = FirstPoll;
        bool told = false;
        while (true)
        {
            try
            {
                // FileShare.None takes flock(LOCK_EX) on Unix, which every other opening of the file by .NET respects.
                return new PullLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0));
            }
            catch (IOException e) when (FileLocks.IsHeldElsewhere(e))
            {
                if (!told)
                {
                    waiting();
                    told = true;
                }
                // .NET cannot wait on a file lock, only try it again.
                cancellation.WaitHandle.WaitOne(poll);
                cancellation.ThrowIfCancellationRequested();
                poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LastPoll.Ticks));
            }
        }
    }

    /// <summary>Releases the lock; the file stays, holding nothing.</summary>
    public void Dispose() => _file.Dispose();
}
