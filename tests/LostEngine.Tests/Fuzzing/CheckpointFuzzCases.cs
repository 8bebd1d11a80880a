using System.IO.Compression;
using FsCheck;
using FsCheck.Fluent;
using LostEngine.Tests.Checkpoints;

namespace LostEngine.Tests.Fuzzing;

/// <summary>
/// Broken checkpoints: byte mutations of whole fixture files (zip structure, pickle and storages alike), and of the
/// pickle alone, repacked with the fixture's intact storages so that the unpickler sees most of the changes.
/// </summary>
public static class CheckpointFuzzCases
{
    /// <summary>The fixtures fuzzed: float16 storages, a training checkpoint with an argparse.Namespace, block chunks.</summary>
    private static readonly string[] Names = ["dino_s8_float16", "dino_s8_training", "dinov2_s14_teacher_checkpoint"];

    private static readonly Lazy<Dictionary<string, byte[]>> Originals = new(() =>
        Names.ToDictionary(name => name, name => File.ReadAllBytes(CheckpointFixtures.File(name + ".pth"))));

    private static readonly Lazy<Dictionary<string, List<(string Name, byte[] Bytes)>>> Entries = new(() =>
        Originals.Value.ToDictionary(pair => pair.Key, pair => ReadEntries(pair.Value)));

    public static Gen<CheckpointFileInput> Files { get; } =
        from name in Gen.Elements(Names)
        from mutations in ByteMutation.Several
        select new CheckpointFileInput($"{name}.pth mutated {string.Join(", ", mutations)}",
            ByteMutation.ApplyAll(Originals.Value[name], mutations));

    public static Gen<CheckpointPickleInput> Pickles { get; } =
        from name in Gen.Elements(Names)
        from mutations in ByteMutation.Several
        select new CheckpointPickleInput($"{name}.pth with data.pkl mutated {string.Join(", ", mutations)}",
            TorchZip.Build(Entries.Value[name].Select(entry => entry.Name.EndsWith("/data.pkl", StringComparison.Ordinal)
                ? (entry.Name, ByteMutation.ApplyAll(entry.Bytes, mutations))
                : entry)));

    private static List<(string Name, byte[] Bytes)> ReadEntries(byte[] checkpoint)
    {
        using var zip = new ZipArchive(new MemoryStream(checkpoint), ZipArchiveMode.Read);
        return zip.Entries.Select(entry =>
        {
            using var stream = entry.Open();
            var bytes = new byte[entry.Length];
            stream.ReadExactly(bytes);
            return (entry.FullName, bytes);
        }).ToList();
    }
}
