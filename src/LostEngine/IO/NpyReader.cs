using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace LostEngine.IO;

/// <summary>
/// Reads NumPy .npy files (format versions 1.0, 2.0 and 3.0) of float16, float32 or float64 in C order,
/// either byte order, into float32. Every size the header claims is checked against the stream before
/// anything is allocated from it, and a file whose data is shorter or longer than its header says is
/// rejected; every problem is an <see cref="NpyFormatException"/> naming the file. float64 values beyond
/// float32's range become infinities, which the kernel then refuses as non-finite keys.
/// </summary>
public static class NpyReader
{
    /// <summary>Default cap on elements read into a new array: 2^28 float32 values, 1 GiB.</summary>
    public const long DefaultMaxElements = 1L << 28;

    // numpy itself refuses headers above 10 000 bytes unless told otherwise; 1 MiB leaves room for
    // hand-written files while keeping a lying 4-byte length from allocating gigabytes.
    private const int MaxHeaderLength = 1 << 20;
    private const int ChunkBytes = 1 << 16;
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the whole file at <paramref name="path"/> into a new float32 array.</summary>
    /// <exception cref="NpyFormatException">The file is not a readable .npy array of a supported type.</exception>
    /// <exception cref="LostInputException">The file does not exist or cannot be opened.</exception>
    public static NpyArray Read(string path, long maxElements = DefaultMaxElements)
    {
        using var stream = OpenFile(path);
        return Read(stream, path, maxElements);
    }

    /// <summary>Reads one array from <paramref name="stream"/> to its end into a new float32 array.</summary>
    /// <param name="stream">Positioned at the magic string; read to its end.</param>
    /// <param name="source">The name errors give for the stream, usually its file path.</param>
    /// <param name="maxElements">Largest element count accepted, checked before allocating.</param>
    public static NpyArray Read(Stream stream, string source, long maxElements = DefaultMaxElements)
    {
        var header = ReadHeader(stream, source);
        CheckLimit(header, source, maxElements);
        var values = new float[header.ElementCount];
        ReadData(stream, source, header, values);
        return new NpyArray(values, header.Shape, header.ElementType);
    }

    /// <summary>
    /// Reads the whole file at <paramref name="path"/> into a new float64 array, so that float64 data keeps every
    /// bit (float32 and float16 are widened exactly).
    /// </summary>
    /// <exception cref="NpyFormatException">The file is not a readable .npy array of a supported type.</exception>
    /// <exception cref="LostInputException">The file does not exist or cannot be opened.</exception>
    public static NpyFloat64Array ReadFloat64(string path, long maxElements = DefaultMaxElements / 2)
    {
        using var stream = OpenFile(path);
        var header = ReadHeader(stream, path);
        CheckLimit(header, path, maxElements);
        var values = new double[header.ElementCount];
        long read = ReadConverted(stream, header, values.AsSpan());
        CheckDataEnd(stream, path, header, read);
        return new NpyFloat64Array(values, header.Shape, header.ElementType);
    }

    /// <summary>
    /// Reads and checks the header; on return the stream is at the first element. For a seekable stream
    /// the data length the header promises is checked against the stream's length here.
    /// </summary>
    public static NpyHeader ReadHeader(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        long? available = stream.CanSeek ? stream.Length - stream.Position : null;

        Span<byte> preamble = stackalloc byte[12];
        int got = ReadUpTo(stream, preamble[..8]);
        if (got < Magic.Length || !preamble[..Magic.Length].SequenceEqual(Magic))
        {
            throw new NpyFormatException(source,
                $"bad magic: a .npy file starts with \\x93NUMPY, this one starts with {Describe(preamble[..Math.Min(got, Magic.Length)])}.");
        }
        if (got < 8)
        {
            throw new NpyFormatException(source, $"file ends after {got} bytes, inside the format version.");
        }
        byte major = preamble[6], minor = preamble[7];
        int lengthBytes = (major, minor) switch
        {
            (1, 0) => 2,
            (2, 0) or (3, 0) => 4,
            _ => throw new NpyFormatException(source, $"unsupported format version {major}.{minor} (supported: 1.0, 2.0, 3.0)."),
        };
        if (ReadUpTo(stream, preamble.Slice(8, lengthBytes)) < lengthBytes)
        {
            throw new NpyFormatException(source, "file ends inside the header length field.");
        }
        uint headerLength = lengthBytes == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(preamble[8..])
            : BinaryPrimitives.ReadUInt32LittleEndian(preamble[8..]);
        int preambleLength = 8 + lengthBytes;
        if (available is long total && headerLength > total - preambleLength)
        {
            throw new NpyFormatException(source,
                $"header length {headerLength} bytes goes beyond the end of the file ({total - preambleLength} bytes follow the length field).");
        }
        if (headerLength > MaxHeaderLength)
        {
            throw new NpyFormatException(source, $"header length {headerLength} bytes is more than the limit of {MaxHeaderLength}.");
        }

        var headerBytes = new byte[headerLength];
        int headerGot = ReadUpTo(stream, headerBytes);
        if (headerGot < headerBytes.Length)
        {
            throw new NpyFormatException(source,
                $"header length {headerLength} bytes goes beyond the end of the file ({headerGot} bytes follow the length field).");
        }
        // Versions 1 and 2 store the header in latin-1; version 3 added UTF-8 for structured field names.
        string text = major == 3 ? DecodeUtf8(headerBytes, source) : Encoding.Latin1.GetString(headerBytes);
        var fields = NpyHeaderParser.Parse(text, source);
        var header = new NpyHeader(fields.ElementType, fields.BigEndian, fields.Shape, fields.ElementCount, preambleLength + headerLength);

        if (available is long length)
        {
            CheckDataLength(header, length - header.DataOffset, source);
        }
        return header;
    }

    /// <summary>
    /// Reads the data that follows <paramref name="header"/> into <paramref name="destination"/>, whose length
    /// must be the header's element count, converting to float32; then checks the stream holds nothing more.
    /// </summary>
    public static void ReadData(Stream stream, string source, NpyHeader header, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        if (destination.Length != header.ElementCount)
        {
            throw new LostInputException(nameof(destination),
                $"holds {destination.Length} values, but {source} has shape {header.ShapeText} = {header.ElementCount} elements.");
        }
        long read = header.ElementType == NpyElementType.Float32
            ? ReadFloat32(stream, header.BigEndian, destination)
            : ReadConverted(stream, header, destination);
        CheckDataEnd(stream, source, header, read);
    }

    private static void CheckLimit(NpyHeader header, string source, long maxElements)
    {
        long limit = Math.Min(maxElements, Array.MaxLength);
        if (header.ElementCount > limit)
        {
            throw new NpyFormatException(source, $"shape {header.ShapeText} has {header.ElementCount} elements, more than the limit of {limit}.");
        }
    }

    private static void CheckDataEnd(Stream stream, string source, NpyHeader header, long read)
    {
        if (read < header.DataLength)
        {
            CheckDataLength(header, read, source);
        }
        long trailing = CountRemaining(stream);
        if (trailing > 0)
        {
            CheckDataLength(header, header.DataLength + trailing, source);
        }
    }

    private static void CheckDataLength(NpyHeader header, long actual, string source)
    {
        if (actual < header.DataLength)
        {
            throw new NpyFormatException(source,
                $"data truncated: shape {header.ShapeText} of {header.ElementType.ToString().ToLowerInvariant()} needs {header.DataLength} bytes, found {actual}.");
        }
        if (actual > header.DataLength)
        {
            throw new NpyFormatException(source,
                $"trailing bytes: shape {header.ShapeText} of {header.ElementType.ToString().ToLowerInvariant()} needs {header.DataLength} bytes, but {actual} follow the header (a header that understates the array?).");
        }
    }

    private static long ReadFloat32(Stream stream, bool bigEndian, Span<float> destination)
    {
        var bytes = MemoryMarshal.AsBytes(destination);
        int got = ReadUpTo(stream, bytes);
        if (bigEndian == BitConverter.IsLittleEndian)
        {
            var asInts = MemoryMarshal.Cast<float, int>(destination[..(got / sizeof(float))]);
            BinaryPrimitives.ReverseEndianness(asInts, asInts);
        }
        return got;
    }

    private static long ReadConverted<T>(Stream stream, NpyHeader header, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int size = header.ElementSize;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            long total = 0;
            int done = 0;
            while (done < destination.Length)
            {
                int count = Math.Min(destination.Length - done, ChunkBytes / size);
                int got = ReadUpTo(stream, chunk.AsSpan(0, count * size));
                total += got;
                Convert(chunk.AsSpan(0, got - got % size), header.ElementType, header.BigEndian, destination.Slice(done));
                done += got / size;
                if (got < count * size)
                {
                    break;
                }
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static void Convert<T>(ReadOnlySpan<byte> bytes, NpyElementType type, bool bigEndian, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int size = (int)type;
        for (int i = 0, j = 0; i < bytes.Length; i += size, j++)
        {
            var element = bytes.Slice(i, size);
            destination[j] = type switch
            {
                NpyElementType.Float16 => T.CreateTruncating(bigEndian ? BinaryPrimitives.ReadHalfBigEndian(element) : BinaryPrimitives.ReadHalfLittleEndian(element)),
                NpyElementType.Float32 => T.CreateTruncating(bigEndian ? BinaryPrimitives.ReadSingleBigEndian(element) : BinaryPrimitives.ReadSingleLittleEndian(element)),
                NpyElementType.Float64 => T.CreateTruncating(bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(element) : BinaryPrimitives.ReadDoubleLittleEndian(element)),
                _ => throw new InvalidOperationException($"{type} is not a supported element type."),
            };
        }
    }

    private static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int got = stream.Read(buffer[total..]);
            if (got == 0)
            {
                break;
            }
            total += got;
        }
        return total;
    }

    private static long CountRemaining(Stream stream)
    {
        if (stream.CanSeek)
        {
            return stream.Length - stream.Position;
        }
        Span<byte> scratch = stackalloc byte[4096];
        long total = 0;
        int got;
        while ((got = stream.Read(scratch)) > 0)
        {
            total += got;
        }
        return total;
    }

    private static string DecodeUtf8(byte[] bytes, string source)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new NpyFormatException(source, "header of a version 3.0 file is not valid UTF-8.");
        }
    }

    private static string Describe(ReadOnlySpan<byte> bytes) => bytes.Length == 0
        ? "nothing (the file is empty)"
        : string.Concat(bytes.ToArray().Select(b => b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:x2}"));

    private static FileStream OpenFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LostInputException(path, "file not found.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new LostInputException(path, "cannot be opened for reading (permission denied, or it is a directory).", e);
        }
    }
}
