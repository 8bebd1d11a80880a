using System.Text.Json;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Runs;

/// <summary>Folder walks follow symbolic links, but never into a directory already on the path being walked.</summary>
public sealed class FolderWalkTests
{
    private static string[] ImagesRun(params string[] paths)
    {
        CliRun? run = null;
        Assert.True(SpecialFiles.Finishes(() => run = CliRunner.Run(["localize", .. paths, "--model", Fixtures.TinyModel, "--quiet"]), out var thrown),
            "the walk did not end");
        Assert.Null(thrown);
        Assert.Equal(0, run!.ExitCode);
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("image").GetString()!)
            .ToArray();
    }

    [Fact]
    public void A_link_back_to_the_parent_is_not_followed()
    {
        using var data = new RunFolder(0);
        string sub = Path.Combine(data.Images, "sub");
        Directory.CreateDirectory(sub);
        for (int i = 0; i < 10; i++)
        {
            File.Copy(Fixtures.Tiny("small_17x16.png"), Path.Combine(sub, $"i{i}.png"));
        }
        Directory.CreateSymbolicLink(Path.Combine(sub, "loop"), "..");

        var images = ImagesRun(data.Images);

        Assert.Equal(10, images.Length);
        Assert.All(images, image => Assert.DoesNotContain("loop", image));
    }

    [Fact]
    public void A_longer_cycle_of_links_is_cut_where_it_comes_back()
    {
        using var data = new RunFolder(0);
        string a = Path.Combine(data.Images, "a");
        string b = Path.Combine(data.Images, "b");
        Directory.CreateDirectory(a);
        Directory.CreateDirectory(b);
        File.Copy(Fixtures.Tiny("small_17x16.png"), Path.Combine(a, "x.png"));
        File.Copy(Fixtures.Tiny("small_17x16.png"), Path.Combine(b, "y.png"));
        Directory.CreateSymbolicLink(Path.Combine(a, "to_b"), b);
        Directory.CreateSymbolicLink(Path.Combine(b, "to_a"), a);

        var images = ImagesRun(data.Images).Select(p => Path.GetRelativePath(data.Images, p)).Order(StringComparer.Ordinal);

        // a/to_b is b, not on the path a; b/to_a is a, not on the path b; one step further each comes back.
        Assert.Equal(["a/to_b/y.png", "a/x.png", "b/to_a/x.png", "b/y.png"], images);
    }

    [Fact]
    public void A_link_to_a_folder_off_the_path_is_walked()
    {
        using var data = new RunFolder(2);
        string elsewhere = data.File("elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.Copy(Fixtures.Tiny("small_17x16.png"), Path.Combine(elsewhere, "z.png"));
        Directory.CreateSymbolicLink(Path.Combine(data.Images, "linked"), elsewhere);

        var images = ImagesRun(data.Images).Select(p => Path.GetRelativePath(data.Images, p));

        Assert.Equal(["img_0000.png", "img_0001.png", "linked/z.png"], images);
    }
}
