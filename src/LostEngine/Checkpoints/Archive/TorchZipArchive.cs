using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace LostEngine.Checkpoints;

/// <summary>
/// The zip archive <c>torch.save</c> writes (PyTorch 1.6 and later): one folder, named after the file or
/// <c>archive</c>, holding <c>data.pkl</c>, a storage entry <c>data/&lt;key&gt;</c> per storage, a <c>version</c> record
/// and, since PyTorch 2.1, a <c>byteorder</c> record. Every entry is read through the limits: its declared size
/// and compression ratio are checked before a byte is inflated, and it must hold exactly the bytes it declares.
/// </summary>
internal sealed partial class TorchZipArchive : IDisposable
{
    // torch.save stores entries uncompressed; the ratio check applies to entries big enough to matter.
    private const long RatioFreeBytes = 64 << 10;
    private const int MaxRecordBytes = 64;
    private const int LatestFormatVersion = 3;

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, List<ZipArchiveEntry>> _entries;
    private readonly string _source;
    private readonly CheckpointLimits _limits;

    private TorchZipArchive(ZipArchive zip, Dictionary<string, List<ZipArchiveEntry>> entries, string prefix, string source, CheckpointLimits limits)
    {
        _zip = zip;
        _entries = entries;
        Prefix = prefix;
        _source = source;
        _limits = limits;
    }

    /// <summary>The archive's folder, e.g. <c>archive</c> or <c>dinov2_vits14_pretrain</c>.</summary>
    public string Prefix { get; }

    public string PickleEntryName => Prefix + "/data.pkl";

    /// <summary>Whether the storages were written big-endian (the <c>byteorder</c> record; little-endian without one).</summary>
    public bool BigEndian { get; private set; }

    /// <summary>Opens the archive in the seekable <paramref name="stream"/>, which stays the caller's.</summary>
    public static TorchZipArchive Open(Stream stream, string source, CheckpointLimits limits)
    {
        CheckMagic(stream, source);
        ZipDirectoryCheck.Check(stream, source, limits);
        ZipArchive? zip = null;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var entries = new Dictionary<string, List<ZipArchiveEntry>>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                if (!entries.TryGetValue(entry.FullName, out var named))
                {
                    entries[entry.FullName] = named = [];
                }
                named.Add(entry);
            }
            var archive = new TorchZipArchive(zip, entries, FindPrefix(entries.Keys, source), source, limits);
            archive.ReadRecords();
            zip = null;
            return archive;
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointFormatException(source, $"is not a readable zip archive: {e.Message}", e);
        }
        finally
        {
            zip?.Dispose();
        }
    }

    /// <summary>The bytes of <c>data.pkl</c>.</summary>
    public byte[] ReadPickle()
    {
        var entry = Entry(PickleEntryName);
        if (entry.Length > _limits.MaxPickleBytes)
        {
            throw Fail(PickleEntryName, string.Create(CultureInfo.InvariantCulture,
                $"is {entry.Length} bytes, more than the limit of {_limits.MaxPickleBytes}."));
        }
        CheckInflation(entry, PickleEntryName);
        var bytes = new byte[entry.Length];
        ReadExactly(entry, PickleEntryName, bytes);
        return bytes;
    }

    /// <summary>Checks that the storage's entry exists and declares the storage's exact size.</summary>
    public void CheckStorage(StorageReference storage)
    {
        string name = StorageEntryName(storage);
        var entry = Entry(name);
        if (entry.Length != storage.ByteLength)
        {
            throw Fail(name, string.Create(CultureInfo.InvariantCulture,
                $"holds {entry.Length} bytes, but the pickle names storage '{storage.Key}' as {storage.Numel} {storage.Type.DTypeName()} elements ({storage.ByteLength} bytes)."));
        }
        CheckInflation(entry, name);
    }

    /// <summary>Reads the storage's bytes, exactly <see cref="StorageReference.ByteLength"/> of them, into <paramref name="destination"/>.</summary>
    public void ReadStorage(StorageReference storage, Span<byte> destination)
    {
        string name = StorageEntryName(storage);
        ReadExactly(Entry(name), name, destination);
    }

    public void Dispose() => _zip.Dispose();

    private string StorageEntryName(StorageReference storage) => $"{Prefix}/data/{storage.Key}";

    private static void CheckMagic(Stream stream, string source)
    {
        Span<byte> magic = stackalloc byte[4];
        int got = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (got == 4 && magic.SequenceEqual("PK\u0003\u0004"u8))
        {
            return;
        }
        if (got == 0)
        {
            throw new CheckpointFormatException(source, "is empty (0 bytes).");
        }
        if (magic[0] == 0x80)
        {
            throw new CheckpointFormatException(source, "is a bare pickle: the legacy torch.save format (PyTorch before 1.6, or "
                + "_use_new_zipfile_serialization=False), which is not read; load it in PyTorch and torch.save it again.");
        }
        throw new CheckpointFormatException(source, string.Create(CultureInfo.InvariantCulture,
            $"is not a PyTorch checkpoint: torch.save writes a zip archive, which starts with 50 4B 03 04; this file starts with {Convert.ToHexString(magic[..got])} ({got} bytes)."));
    }

    private static string FindPrefix(IEnumerable<string> names, string source)
    {
        // A TorchScript archive has a data.pkl too, of its module's attributes; its constants.pkl tells it apart.
        if (names.Any(name => name.EndsWith("/constants.pkl", StringComparison.Ordinal)))
        {
            throw new CheckpointFormatException(source, "is a TorchScript archive (torch.jit.save), not a torch.save checkpoint of weights.");
        }
        var pickles = names.Select(name => PicklePath().Match(name)).Where(match => match.Success).ToList();
        if (pickles.Count == 1)
        {
            return pickles[0].Groups[1].Value;
        }
        if (pickles.Count > 1)
        {
            throw new CheckpointFormatException(source, $"holds {pickles.Count} data.pkl entries ({string.Join(", ", pickles.Take(3).Select(m => m.Value))}): which one is the checkpoint is ambiguous.");
        }
        throw new CheckpointFormatException(source, "is a zip archive without a <folder>/data.pkl entry: not a torch.save checkpoint.");
    }

    private void ReadRecords()
    {
        string? version = ReadRecord("version") ?? ReadRecord(".data/version");
        if (version is not null && !(int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number is >= 1 and <= LatestFormatVersion))
        {
            throw Fail(Prefix + "/version", $"says format version '{version}'; this reader knows versions 1 to {LatestFormatVersion}.");
        }
        BigEndian = ReadRecord("byteorder") switch
        {
            null or "little" => false,
            "big" => true,
            var order => throw Fail(Prefix + "/byteorder", $"says '{order}', not 'little' or 'big'."),
        };
    }

    private string? ReadRecord(string name)
    {
        string fullName = $"{Prefix}/{name}";
        if (!_entries.ContainsKey(fullName))
        {
            return null;
        }
        var entry = Entry(fullName);
        if (entry.Length > MaxRecordBytes)
        {
            throw Fail(fullName, string.Create(CultureInfo.InvariantCulture, $"is {entry.Length} bytes; the record is a short line."));
        }
        CheckInflation(entry, fullName);
        var bytes = new byte[entry.Length];
        ReadExactly(entry, fullName, bytes);
        return Encoding.Latin1.GetString(bytes).Trim();
    }

    private ZipArchiveEntry Entry(string name)
    {
        if (!_entries.TryGetValue(name, out var named))
        {
            throw Fail(name, "is missing from the archive.");
        }
        if (named.Count > 1)
        {
            throw Fail(name, string.Create(CultureInfo.InvariantCulture, $"appears {named.Count} times in the archive: which one holds the data is ambiguous."));
        }
        var entry = named[0];
        if (entry.Length < 0 || entry.CompressedLength < 0)
        {
            throw Fail(name, "declares a size beyond 2^63 bytes.");
        }
        return entry;
    }

    /// <summary>Refuses an entry whose declared sizes make it a zip bomb, before anything is allocated for it.</summary>
    private void CheckInflation(ZipArchiveEntry entry, string name)
    {
        if (entry.Length > RatioFreeBytes
            && (entry.CompressedLength == 0 || (double)entry.Length / entry.CompressedLength > _limits.MaxCompressionRatio))
        {
            throw Fail(name, string.Create(CultureInfo.InvariantCulture,
                $"inflates {entry.CompressedLength} bytes to {entry.Length}, past the compression-ratio limit of {_limits.MaxCompressionRatio} (a zip bomb?)."));
        }
    }

    /// <summary>
    /// Fills <paramref name="destination"/>, which is the entry's declared length, from the entry. The archive reader
    /// inflates no more than that length, whatever the compressed data holds, so a lying header cannot make it
    /// produce more.
    /// </summary>
    private void ReadExactly(ZipArchiveEntry entry, string name, Span<byte> destination)
    {
        try
        {
            using var stream = entry.Open();
            int filled = stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
            if (filled < destination.Length)
            {
                throw Fail(name, string.Create(CultureInfo.InvariantCulture, $"ends after {filled} of its {destination.Length} bytes."));
            }
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointFormatException(_source, $"entry '{name}' cannot be read: {e.Message}", e);
        }
    }

    private CheckpointFormatException Fail(string entry, string message) => new(_source, $"entry '{entry}' {message}");

    [GeneratedRegex(@"^([^/]+)/data\.pkl$", RegexOptions.CultureInvariant)]
    private static partial Regex PicklePath();
}
