using LostEngine.Evaluation;
using LostEngine.IO;

namespace LostEngine.Tests.IO;

public sealed class AtomicFileTests
{
    [Fact]
    public void A_write_that_fails_leaves_no_partial_file_and_the_old_file_as_it_was()
    {
        using var folder = new TempFolder();
        string target = folder.Write("map.json", "old");

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(target, stream =>
        {
            stream.WriteByte((byte)'{');
            throw new IOException("No space left on device");
        }));

        Assert.Equal("No space left on device", error.Message);
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Equal(["map.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_first_write_leaves_no_file_at_all()
    {
        using var folder = new TempFolder();
        string target = folder.File("new.npy");

        Assert.Throws<IOException>(() => AtomicFile.Write(target, _ => throw new IOException("No space left on device")));

        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
