namespace LostEngine.IO;

/// <summary>What a path names, from the file-type bits of its status (<c>S_IFMT</c>).</summary>
internal enum FileKind
{
    /// <summary>Nothing is there.</summary>
    Missing,

    /// <summary>A regular file: the only kind the engine opens.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A FIFO (named pipe): opening it for reading waits for a writer.</summary>
    Fifo,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>A character device (<c>/dev/zero</c>, a terminal): a read may never end or never return.</summary>
    CharacterDevice,

    /// <summary>A block device (a disk).</summary>
    BlockDevice,
}

internal static class FileKinds
{
    /// <summary>The kind in words, for messages.</summary>
    public static string Describe(this FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.Socket => "a socket",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        _ => throw new InvalidOperationException($"Unknown file kind {kind}."),
    };
}
