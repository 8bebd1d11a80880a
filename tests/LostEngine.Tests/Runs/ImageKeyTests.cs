using System.Text.Json;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Runs;

/// <summary>
/// Prediction keys never collide: the file name for a flat folder or a file (the reference's keys), the path below
/// the folder for a folder with subfolders, the path as given where those still collide; the same across runs.
/// </summary>
public sealed class ImageKeyTests
{
    private static Dictionary<string, string> Map(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
    }

    private static CliRun Localize(string output, params string[] paths) =>
        CliRunner.Run(["localize", .. paths, "--model", Fixtures.TinyModel, "--output", output, "--quiet"]);

    /// <summary>A folder with a/x.png (object_96x80) and b/x.png (wide_100x75): two images with one file name and different boxes.</summary>
    private static RunFolder TwoSameNames()
    {
        var data = new RunFolder(0);
        Directory.CreateDirectory(Path.Combine(data.Images, "a"));
        Directory.CreateDirectory(Path.Combine(data.Images, "b"));
        File.Copy(Fixtures.Tiny("object_96x80.png"), Path.Combine(data.Images, "a", "x.png"));
        File.Copy(Fixtures.Tiny("wide_100x75.png"), Path.Combine(data.Images, "b", "x.png"));
        return data;
    }

    private static string BoxOf(string image)
    {
        var run = CliRunner.Run("localize", image, "--model", Fixtures.TinyModel, "--quiet");
        return JsonDocument.Parse(run.Output).RootElement.GetProperty("box").GetRawText();
    }

    [Fact]
    public void Same_file_names_in_subfolders_are_keyed_by_their_path_below_the_folder()
    {
        using var data = TwoSameNames();
        string output = data.File("p.json");

        Assert.Equal(0, Localize(output, data.Images).ExitCode);

        var map = Map(output);
        Assert.Equal(["a/x.png", "b/x.png"], map.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(BoxOf(Path.Combine(data.Images, "a", "x.png")), map["a/x.png"]);
        Assert.Equal(BoxOf(Path.Combine(data.Images, "b", "x.png")), map["b/x.png"]);
        Assert.NotEqual(map["a/x.png"], map["b/x.png"]);
    }

    [Fact]
    public void Resuming_keeps_both_images_and_their_boxes()
    {
        using var data = TwoSameNames();
        string whole = data.File("whole.json");
        Assert.Equal(0, Localize(whole, data.Images).ExitCode);
        string output = data.File("p.json");
        Assert.Equal(0, Localize(output, data.Images).ExitCode);
        string journal = output + ".journal.jsonl";
        // As a kill after the first image leaves it (the settings header, then one image): the second is still to do.
        File.WriteAllLines(journal, File.ReadAllLines(journal).Take(2));
        File.Delete(output);

        var resumed = CliRunner.Run("localize", data.Images, "--model", Fixtures.TinyModel, "--output", output, "--quiet", "--resume");

        Assert.Equal(0, resumed.ExitCode);
        Assert.Single(resumed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(Map(whole), Map(output));
    }

    [Fact]
    public void A_flat_folder_keeps_the_references_file_name_keys()
    {
        using var data = new RunFolder(2);
        string output = data.File("p.json");
        Assert.Equal(0, Localize(output, data.Images).ExitCode);
        Assert.Equal(["img_0000.png", "img_0001.png"], Map(output).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Files_given_with_one_name_are_keyed_by_their_path_as_given()
    {
        using var data = TwoSameNames();
        string output = data.File("p.json");
        string a = Path.Combine(data.Images, "a", "x.png");
        string b = Path.Combine(data.Images, "b", "x.png");
        string other = data.File("other.png");
        File.Copy(Fixtures.Tiny("odd_37x53.png"), other);

        Assert.Equal(0, Localize(output, a, b, other).ExitCode);

        var map = Map(output);
        Assert.Equal([a, b, "other.png"], map.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(BoxOf(a), map[a]);
        Assert.Equal(BoxOf(b), map[b]);
    }

    [Fact]
    public void Flat_folders_sharing_a_file_name_key_those_images_by_path_as_given()
    {
        using var data = TwoSameNames();
        string output = data.File("p.json");
        string a = Path.Combine(data.Images, "a");
        string b = Path.Combine(data.Images, "b");
        File.Copy(Fixtures.Tiny("odd_37x53.png"), Path.Combine(b, "only_b.png"));

        Assert.Equal(0, Localize(output, a, b).ExitCode);

        Assert.Equal([Path.Combine(a, "x.png"), Path.Combine(b, "x.png"), "only_b.png"], Map(output).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_same_file_given_twice_is_run_once()
    {
        using var data = new RunFolder(1);
        string image = Path.Combine(data.Images, "img_0000.png");
        string output = data.File("p.json");

        var run = Localize(output, image, data.Images);

        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["img_0000.png"], Map(output).Keys);
    }

    [Fact]
    public void Shards_of_a_folder_with_subfolders_merge_into_the_single_run_map()
    {
        using var data = TwoSameNames();
        File.Copy(Fixtures.Tiny("odd_37x53.png"), Path.Combine(data.Images, "a", "y.png"));
        string whole = data.File("whole.json");
        Assert.Equal(0, Localize(whole, data.Images).ExitCode);
        var parts = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            string part = data.File($"part{i}.json");
            Assert.Equal(0, CliRunner.Run("localize", data.Images, "--model", Fixtures.TinyModel, "--output", part, "--quiet", "--shard", $"{i}/2").ExitCode);
            parts.Add(part);
        }
        string merged = data.File("merged.json");

        Assert.Equal(0, CliRunner.Run(["merge", .. parts, "--output", merged]).ExitCode);

        Assert.Equal(Map(whole), Map(merged));
    }
}
