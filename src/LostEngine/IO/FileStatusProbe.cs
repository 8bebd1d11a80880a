using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LostEngine.IO;

/// <summary>
/// Asks the kernel what a path is without opening it, and opens only regular files. .NET has no API for the file
/// type (a FIFO or a device passes <see cref="File.Exists(string)"/>, and opening a FIFO for reading blocks until a
/// writer comes), so on Linux this calls <c>statx</c>, whose structure has one layout on every architecture, and
/// <c>open</c> with <c>O_NONBLOCK</c>, so a file swapped for a FIFO between the check and the open cannot block
/// either. Elsewhere it falls back to what .NET can tell (files and directories; Windows has no FIFOs in its
/// file system).
/// </summary>
internal static unsafe partial class FileStatusProbe
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const uint StatxSize = 0x200;
    private const int ReadOnly = 0;
    private const int NoControllingTerminal = 0x100;
    private const int NonBlocking = 0x800;
    private const int CloseOnExec = 0x80000;
    private const int NoSuchEntry = 2;
    private const int NotADirectory = 20;
    private const int NoSuchSystemCall = 38;

    // A libc without statx (or a kernel before 4.11) leaves .NET's own view; checked once.
    private static bool s_statxMissing = !OperatingSystem.IsLinux();

    /// <summary>The status of the file <paramref name="path"/> leads to, links followed.</summary>
    /// <exception cref="IOException">The system refused to say (a folder on the way is unreadable, the name is too long).</exception>
    public static FileStatus Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // The system would read a name up to its first NUL, which is another file's name.
        if (path.Length == 0 || path.Contains('\0'))
        {
            return FileStatus.Missing;
        }
        if (!s_statxMissing && TryStatx(AtFdCwd, path, 0, out var status))
        {
            return status;
        }
        return Managed(path);
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading when it is a regular file, and returns its length with the handle;
    /// returns null and the file's status, without opening it, when it is anything else.
    /// </summary>
    /// <exception cref="IOException">The file cannot be opened (permissions, a vanished file).</exception>
    public static SafeFileHandle? OpenRegular(string path, out FileStatus status)
    {
        status = Of(path);
        if (status.Kind != FileKind.Regular)
        {
            return null;
        }
        if (s_statxMissing)
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        int fd = Open(path, ReadOnly | NonBlocking | NoControllingTerminal | CloseOnExec);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot be opened: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        // Whatever was renamed into place after the first look is looked at again through the descriptor itself.
        if (!TryStatx(fd, "", AtEmptyPath, out status) || status.Kind != FileKind.Regular)
        {
            handle.Dispose();
            return null;
        }
        return handle;
    }

    private static bool TryStatx(int directory, string path, int flags, out FileStatus status)
    {
        StatxBuffer buffer;
        int result;
        try
        {
            result = Statx(directory, path, flags, StatxType | StatxIno | StatxSize, &buffer);
        }
        catch (EntryPointNotFoundException)
        {
            s_statxMissing = true;
            status = default;
            return false;
        }
        if (result != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == NoSuchSystemCall)
            {
                s_statxMissing = true;
                status = default;
                return false;
            }
            if (errno is NoSuchEntry or NotADirectory)
            {
                status = FileStatus.Missing;
                return true;
            }
            throw new IOException($"cannot be examined: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
        }
        var kind = KindOf(buffer.Mode);
        var identity = new FileIdentity(((ulong)buffer.DeviceMajor << 32) | buffer.DeviceMinor, buffer.Inode, null);
        status = new FileStatus(kind, identity, kind == FileKind.Regular ? (long)buffer.Size : 0);
        return true;
    }

    private static FileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        // Links are followed, so a link itself never comes back; anything newer is treated as a device.
        _ => FileKind.CharacterDevice,
    };

    private static FileStatus Managed(string path)
    {
        var directory = new DirectoryInfo(path);
        if (directory.Exists)
        {
            string resolved = directory.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? directory.FullName;
            return new FileStatus(FileKind.Directory, new FileIdentity(0, 0, Path.TrimEndingDirectorySeparator(resolved)), 0);
        }
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return FileStatus.Missing;
        }
        string target = file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? file.FullName;
        return new FileStatus(FileKind.Regular, new FileIdentity(0, 0, target), file.Length);
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, StatxBuffer* buffer);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    // struct statx from linux/stat.h: 256 bytes, the same layout on every architecture.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(32)]
        public ulong Inode;

        [FieldOffset(40)]
        public ulong Size;

        [FieldOffset(136)]
        public uint DeviceMajor;

        [FieldOffset(140)]
        public uint DeviceMinor;
    }
}
