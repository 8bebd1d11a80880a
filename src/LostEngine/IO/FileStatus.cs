namespace LostEngine.IO;

/// <summary>
/// What the file system says of a path, symbolic links followed: its kind, its identity and its length.
/// Two paths name the same file or directory when their <see cref="Identity"/> is equal.
/// </summary>
/// <param name="Kind">Regular file, directory, FIFO, device...</param>
/// <param name="Identity">Device and inode on Linux; the full path with links resolved elsewhere.</param>
/// <param name="Length">Bytes in a regular file; 0 for the other kinds.</param>
internal readonly record struct FileStatus(FileKind Kind, FileIdentity Identity, long Length)
{
    public static FileStatus Missing => new(FileKind.Missing, default, 0);
}

/// <summary>Which file a path leads to: device and inode where the system gives them, else a resolved full path.</summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode, string? ResolvedPath);
