using System.Buffers.Binary;
using System.Globalization;

namespace LostEngine.Checkpoints;

/// <summary>
/// Reads a zip's end-of-central-directory record (and its zip64 form) before <see cref="System.IO.Compression.ZipArchive"/>
/// does, so the entry count and the central directory's size are checked against the limits before anything is
/// allocated for them; a file cut short loses this record first, so truncation is caught here too.
/// </summary>
internal static class ZipDirectoryCheck
{
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const int EndLength = 22;
    private static ReadOnlySpan<byte> EndSignature => [0x50, 0x4b, 0x05, 0x06];
    private const int Zip64LocatorLength = 20;
    private const int Zip64EndLength = 56;

    public static void Check(Stream stream, string source, CheckpointLimits limits)
    {
        long length = stream.Length;
        // The record is the last thing in the file but for a comment of at most 65535 bytes.
        int tailLength = (int)Math.Min(length, EndLength + ushort.MaxValue);
        var tail = ReadAt(stream, length - tailLength, tailLength);
        int end = tail.AsSpan().LastIndexOf(EndSignature);
        while (end >= 0 && end > tailLength - EndLength)
        {
            end = tail.AsSpan(0, end).LastIndexOf(EndSignature);
        }
        if (end < 0)
        {
            throw new CheckpointFormatException(source,
                "has no zip end-of-central-directory record: the archive is truncated or damaged.");
        }
        var record = tail.AsSpan(end);
        ulong entries = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
        ulong directoryBytes = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
        uint directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
        if (entries == ushort.MaxValue || directoryBytes == uint.MaxValue || directoryOffset == uint.MaxValue)
        {
            (entries, directoryBytes) = ReadZip64(stream, source, length, length - tailLength + end);
        }
        if (entries > (ulong)limits.MaxEntries)
        {
            throw new CheckpointFormatException(source, string.Create(CultureInfo.InvariantCulture,
                $"the zip archive lists {entries} entries, more than the limit of {limits.MaxEntries}."));
        }
        if (directoryBytes > (ulong)limits.MaxCentralDirectoryBytes || directoryBytes > (ulong)length)
        {
            throw new CheckpointFormatException(source, string.Create(CultureInfo.InvariantCulture,
                $"the zip archive's central directory is {directoryBytes} bytes, more than the limit of {limits.MaxCentralDirectoryBytes} or the file's {length}."));
        }
    }

    private static (ulong Entries, ulong DirectoryBytes) ReadZip64(Stream stream, string source, long length, long endOffset)
    {
        if (endOffset < Zip64LocatorLength)
        {
            throw new CheckpointFormatException(source, "the zip archive's end record asks for a zip64 record that is not there.");
        }
        var locator = ReadAt(stream, endOffset - Zip64LocatorLength, Zip64LocatorLength);
        ulong recordOffset = BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8));
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature
            || recordOffset > (ulong)(length - Zip64EndLength))
        {
            throw new CheckpointFormatException(source, "the zip archive's zip64 end record is missing or points outside the file.");
        }
        var record = ReadAt(stream, (long)recordOffset, Zip64EndLength);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndSignature)
        {
            throw new CheckpointFormatException(source, "the zip archive's zip64 end record has a bad signature.");
        }
        return (BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32)), BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(40)));
    }

    private static byte[] ReadAt(Stream stream, long offset, int count)
    {
        var bytes = new byte[count];
        stream.Position = offset;
        stream.ReadExactly(bytes);
        return bytes;
    }
}
