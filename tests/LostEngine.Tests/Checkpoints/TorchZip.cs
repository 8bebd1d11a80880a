using System.IO.Compression;

namespace LostEngine.Tests.Checkpoints;

/// <summary>Writes zip archives laid out as torch.save's: entries under one folder, stored uncompressed unless asked.</summary>
internal static class TorchZip
{
    public static byte[] Build(IEnumerable<(string Name, byte[] Bytes)> entries, CompressionLevel level = CompressionLevel.NoCompression)
    {
        using var buffer = new MemoryStream();
        Write(buffer, entries, level);
        return buffer.ToArray();
    }

    /// <summary>Writes the archive to <paramref name="stream"/>, which stays open: a file for checkpoints too large to hold twice.</summary>
    public static void Write(Stream stream, IEnumerable<(string Name, byte[] Bytes)> entries, CompressionLevel level = CompressionLevel.NoCompression)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes) in entries)
        {
            using var entry = zip.CreateEntry(name, level).Open();
            entry.Write(bytes);
        }
    }

    /// <summary>An archive of <paramref name="pickle"/> as <c>archive/data.pkl</c>, the storages and a version record.</summary>
    public static byte[] Checkpoint(byte[] pickle, IEnumerable<(string Key, byte[] Bytes)>? storages = null, string prefix = "archive") =>
        Build(CheckpointEntries(pickle, storages, prefix));

    /// <summary>The entries of <see cref="Checkpoint"/>, in torch.save's order.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> CheckpointEntries(byte[] pickle, IEnumerable<(string Key, byte[] Bytes)>? storages, string prefix) =>
        [(prefix + "/data.pkl", pickle), .. (storages ?? []).Select(s => ($"{prefix}/data/{s.Key}", s.Bytes)), (prefix + "/version", "3\n"u8.ToArray())];
}
