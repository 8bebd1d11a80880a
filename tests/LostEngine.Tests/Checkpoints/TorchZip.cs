using System.IO.Compression;

namespace LostEngine.Tests.Checkpoints;

/// <summary>Writes zip archives laid out as torch.save's: entries under one folder, stored uncompressed unless asked.</summary>
internal static class TorchZip
{
    public static byte[] Build(IEnumerable<(string Name, byte[] Bytes)> entries, CompressionLevel level = CompressionLevel.NoCompression)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                var entry = zip.CreateEntry(name, level);
                using var stream = entry.Open();
                stream.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>An archive of <paramref name="pickle"/> as <c>archive/data.pkl</c>, the storages and a version record.</summary>
    public static byte[] Checkpoint(byte[] pickle, IEnumerable<(string Key, byte[] Bytes)>? storages = null, string prefix = "archive") =>
        Build([(prefix + "/data.pkl", pickle), .. (storages ?? []).Select(s => ($"{prefix}/data/{s.Key}", s.Bytes)), (prefix + "/version", "3\n"u8.ToArray())]);
}
