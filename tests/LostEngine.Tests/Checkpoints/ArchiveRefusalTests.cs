using System.Buffers.Binary;
using System.IO.Compression;
using LostEngine.Checkpoints;
using LostEngine.Tests.IO;

namespace LostEngine.Tests.Checkpoints;

/// <summary>
/// Files that are not a readable torch.save archive, archives past a limit, zip bombs and files that are not
/// regular files: each a <see cref="CheckpointFormatException"/> naming the file, with nothing allocated beyond the
/// limits.
/// </summary>
public sealed class ArchiveRefusalTests
{
    private const string Fixture = "dino_s8_backbone";

    private static byte[] FixtureBytes => File.ReadAllBytes(CheckpointFixtures.File(Fixture + ".pth"));

    [Theory]
    [InlineData(0.999)]
    [InlineData(0.9)]
    [InlineData(0.5)]
    [InlineData(0.1)]
    [InlineData(0.0001)]
    public void A_truncated_archive_is_refused(double kept)
    {
        var bytes = FixtureBytes;

        var error = CheckpointBytes.Refused(bytes[..(int)(bytes.Length * kept)], CheckpointBytes.Options(Fixture));

        Assert.Contains("end-of-central-directory record: the archive is truncated or damaged", error.Message);
    }

    [Fact]
    public void A_truncated_file_is_refused_by_path()
    {
        using var folder = new TempFolder();
        string path = folder.File("cut.pth");
        File.WriteAllBytes(path, FixtureBytes[..^100]);

        var error = Assert.Throws<CheckpointFormatException>(() => PyTorchCheckpoint.Read(path));

        Assert.Equal(path, error.InputName);
    }

    [Fact]
    public void An_archive_whose_directory_lies_about_its_entries_is_refused()
    {
        var bytes = FixtureBytes;
        int end = bytes.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(end + 10), 60_000);

        var error = CheckpointBytes.Refused(bytes, CheckpointBytes.Options(Fixture));

        Assert.StartsWith("is not a readable zip archive", error.Problem);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Equal("is empty (0 bytes).", CheckpointBytes.Refused([]).Problem);
    }

    [Fact]
    public void A_file_that_is_no_zip_is_refused_with_its_first_bytes()
    {
        var error = CheckpointBytes.Refused("hello, world"u8.ToArray());

        Assert.Equal("is not a PyTorch checkpoint: torch.save writes a zip archive, which starts with 50 4B 03 04; this file starts with 68656C6C (4 bytes).", error.Problem);
    }

    [Fact]
    public void The_legacy_format_is_refused_with_what_to_do()
    {
        var error = CheckpointBytes.Refused(File.ReadAllBytes(CheckpointFixtures.File("legacy_format.pth")));

        Assert.StartsWith("is a bare pickle: the legacy torch.save format (PyTorch before 1.6", error.Problem);
    }

    [Fact]
    public void A_torchscript_archive_is_refused()
    {
        var error = CheckpointBytes.Refused(File.ReadAllBytes(CheckpointFixtures.File("torchscript_module.pt")));

        Assert.Equal("is a TorchScript archive (torch.jit.save), not a torch.save checkpoint of weights.", error.Problem);
    }

    [Fact]
    public void A_zip_without_a_pickle_is_refused()
    {
        var error = CheckpointBytes.Refused(TorchZip.Build([("archive/version", "3\n"u8.ToArray())]));

        Assert.Equal("is a zip archive without a <folder>/data.pkl entry: not a torch.save checkpoint.", error.Problem);
    }

    [Fact]
    public void Two_pickles_are_ambiguous()
    {
        var pickle = new PickleWriter().EmptyDict().Stop().ToArray();

        var error = CheckpointBytes.Refused(TorchZip.Build([("a/data.pkl", pickle), ("b/data.pkl", pickle)]));

        Assert.StartsWith("holds 2 data.pkl entries (a/data.pkl, b/data.pkl)", error.Problem);
    }

    [Fact]
    public void A_storage_entry_that_appears_twice_is_ambiguous()
    {
        var tensors = CheckpointBytes.FixtureTensors(Fixture);
        var storages = CheckpointBuilder.Storages(tensors);
        var bytes = TorchZip.Checkpoint(CheckpointBuilder.Pickle(tensors, [], ""), [.. storages, storages[3]]);

        var error = CheckpointBytes.Refused(bytes, CheckpointBytes.Options(Fixture));

        Assert.Equal("entry 'archive/data/3' appears 2 times in the archive: which one holds the data is ambiguous.", error.Problem);
    }

    [Fact]
    public void A_missing_storage_entry_is_named()
    {
        var tensors = CheckpointBytes.FixtureTensors(Fixture);
        var bytes = TorchZip.Checkpoint(CheckpointBuilder.Pickle(tensors, [], ""), CheckpointBuilder.Storages(tensors).Where(s => s.Key != "7"));

        var error = CheckpointBytes.Refused(bytes, CheckpointBytes.Options(Fixture));

        Assert.Equal("entry 'archive/data/7' is missing from the archive.", error.Problem);
    }

    [Theory]
    [InlineData("version", "4\n", "entry 'archive/version' says format version '4'; this reader knows versions 1 to 3.")]
    [InlineData("version", "three", "entry 'archive/version' says format version 'three'; this reader knows versions 1 to 3.")]
    [InlineData("byteorder", "middle", "entry 'archive/byteorder' says 'middle', not 'little' or 'big'.")]
    public void A_record_with_an_unknown_value_is_refused(string record, string value, string expected)
    {
        var error = CheckpointBytes.Refused(WithRecord(CheckpointBytes.FixtureTensors(Fixture), record, value), CheckpointBytes.Options(Fixture));

        Assert.Equal(expected, error.Problem);
    }

    [Fact]
    public void A_big_endian_archive_reads_to_the_same_values()
    {
        var tensors = CheckpointBytes.FixtureTensors(Fixture);
        var swapped = tensors.Select(t => t with { StorageBytes = Swapped(t.StorageBytes, 4) }).ToList();

        var checkpoint = CheckpointBytes.Read(WithRecord(swapped, "byteorder", "big"), CheckpointBytes.Options(Fixture));

        var expected = CheckpointFixtures.Read(Fixture);
        Assert.All(expected.Tensors, pair => Assert.Equal(pair.Value.Values, checkpoint.Tensors[pair.Key].Values));
    }

    [Fact]
    public void An_entry_that_inflates_past_the_ratio_limit_is_refused_before_it_is_inflated()
    {
        var bomb = TorchZip.Build([("archive/data.pkl", new byte[16 << 20])], CompressionLevel.SmallestSize);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = CheckpointBytes.Refused(bomb);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Matches(@"^entry 'archive/data\.pkl' inflates \d+ bytes to 16777216, past the compression-ratio limit of 100 \(a zip bomb\?\)\.$", error.Problem);
        Assert.True(allocated < 1 << 20, $"refusing the bomb allocated {allocated} bytes");
    }

    [Fact]
    public void An_entry_that_inflates_past_its_declared_size_gives_only_that_size()
    {
        var pickle = new PickleWriter().EmptyDict().Stop().ToArray();
        var bytes = TorchZip.Build([("archive/data.pkl", [.. pickle, .. new byte[8 << 20]])], CompressionLevel.SmallestSize);
        DeclareSize(bytes, pickle.Length);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = CheckpointBytes.Refused(bytes);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(CheckpointBytes.Refused(TorchZip.Checkpoint(pickle)).Problem, error.Problem);
        Assert.True(allocated < 1 << 20, $"reading the lying entry allocated {allocated} bytes");
    }

    public static TheoryData<string, CheckpointLimits, string> Limits => new()
    {
        { "entries", new CheckpointLimits { MaxEntries = 10 }, "the zip archive lists 32 entries, more than the limit of 10." },
        { "directory", new CheckpointLimits { MaxCentralDirectoryBytes = 100 }, "the zip archive's central directory is" },
        { "pickle", new CheckpointLimits { MaxPickleBytes = 100 }, "entry 'dino_s8_backbone/data.pkl' is 3743 bytes, more than the limit of 100." },
        { "storage", new CheckpointLimits { MaxStorageBytes = 1000 }, "storage '2' is 24576 bytes, more than the limit of 1000." },
        { "total", new CheckpointLimits { MaxTotalBytes = 10_000 }, "the state dict's storages are 127360 bytes, more than the limit of 10000." },
        { "elements", new CheckpointLimits { MaxTensorElements = 1000 }, "the state dict's tensors hold 31840 values, more than the limit of 1000." },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void Each_limit_holds_before_its_allocation(string what, CheckpointLimits limits, string expected)
    {
        var error = CheckpointBytes.Refused(FixtureBytes, CheckpointBytes.Options(Fixture), limits);

        Assert.True(error.Problem.StartsWith(expected, StringComparison.Ordinal), $"{what}: {error.Problem}");
    }

    [Fact]
    public void A_pipe_is_refused()
    {
        using var stream = new NonSeekableStream(FixtureBytes);

        var error = Assert.Throws<CheckpointFormatException>(() => PyTorchCheckpoint.Read(stream, "pipe"));

        Assert.Equal("pipe: cannot be read: a zip archive is read from a seekable file, not a pipe.", error.Message);
    }

    [Fact]
    public void A_missing_file_and_a_folder_are_refused_by_path()
    {
        using var folder = new TempFolder();
        string missing = folder.File("none.pth");

        var absent = Assert.Throws<CheckpointFormatException>(() => PyTorchCheckpoint.Read(missing));
        var directory = Assert.Throws<CheckpointFormatException>(() => PyTorchCheckpoint.Read(folder.Path));

        Assert.Equal($"{missing}: cannot be read: the file does not exist.", absent.Message);
        Assert.Equal($"{folder.Path}: is not a regular file but a directory; only regular files are read.", directory.Message);
    }

    private static byte[] WithRecord(List<SavedTensor> tensors, string record, string value) =>
        TorchZip.Build([
            ("archive/data.pkl", CheckpointBuilder.Pickle(tensors, [], "")),
            .. CheckpointBuilder.Storages(tensors).Select(s => ($"archive/data/{s.Key}", s.Bytes)),
            ($"archive/{record}", System.Text.Encoding.ASCII.GetBytes(value)),
        ]);

    private static byte[] Swapped(byte[] bytes, int size)
    {
        var swapped = (byte[])bytes.Clone();
        for (int i = 0; i < swapped.Length; i += size)
        {
            swapped.AsSpan(i, size).Reverse();
        }
        return swapped;
    }

    /// <summary>Rewrites the uncompressed size of the archive's only entry in its local header and central directory.</summary>
    private static void DeclareSize(byte[] zip, int size)
    {
        BinaryPrimitives.WriteInt32LittleEndian(zip.AsSpan(22), size);
        int central = zip.AsSpan().IndexOf("PK\u0001\u0002"u8);
        BinaryPrimitives.WriteInt32LittleEndian(zip.AsSpan(central + 24), size);
    }
}
