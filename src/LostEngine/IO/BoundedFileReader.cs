using Microsoft.Win32.SafeHandles;

namespace LostEngine.IO;

/// <summary>
/// Reads a whole untrusted file whose size is checked before any buffer is allocated: only a regular file is
/// opened (a FIFO would block the read for ever), and one larger than its limit is refused from its status alone.
/// </summary>
internal static class BoundedFileReader
{
    /// <summary>
    /// Reads <paramref name="length"/> bytes (at most <see cref="Array.MaxLength"/>) from an opened file; a file cut
    /// short while it is read gives the bytes it still has.
    /// </summary>
    public static byte[] ReadOpened(SafeFileHandle handle, long length)
    {
        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        int filled = 0;
        while (filled < bytes.Length)
        {
            int read = RandomAccess.Read(handle, bytes.AsSpan(filled), filled);
            if (read == 0)
            {
                break;
            }
            filled += read;
        }
        return filled == bytes.Length ? bytes : bytes[..filled];
    }

    /// <summary>The file's bytes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest size accepted.</param>
    /// <param name="inputName">The input to name in errors: the path, or the option the user typed.</param>
    /// <param name="what">What the file holds, for errors ("the detections").</param>
    /// <exception cref="LostInputException">The file is missing, not a regular file, too large or unreadable.</exception>
    public static byte[] Read(string path, long maxBytes, string inputName, string what)
    {
        try
        {
            using var handle = FileStatusProbe.OpenRegular(path, out var status);
            if (handle is null)
            {
                throw new LostInputException(inputName, status.Kind == FileKind.Missing
                    ? "does not exist"
                    : $"is not a regular file but {status.Kind.Describe()}; {what} must be a file");
            }
            if (status.Length > maxBytes || status.Length > Array.MaxLength)
            {
                throw new LostInputException(inputName,
                    $"is {status.Length} bytes, more than the {Math.Min(maxBytes, Array.MaxLength)} allowed for {what}");
            }
            return ReadOpened(handle, status.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException(inputName, $"cannot be read ({e.Message})", e);
        }
    }
}
