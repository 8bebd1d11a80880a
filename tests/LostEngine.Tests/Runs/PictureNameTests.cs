using System.Text;
using System.Text.Json;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Model;
using LostEngine.Visualization;

namespace LostEngine.Tests.Runs;

/// <summary>
/// <c>--visualize</c> names each picture from the image's key, made safe for any file system; a picture that cannot
/// be written is that image's problem, never the end of the run.
/// </summary>
public sealed class PictureNameTests
{
    private static CliRun LocalizeDrawing(RunFolder data, params string[] paths) =>
        CliRunner.Run(["localize", .. paths, "--model", Fixtures.TinyModel, "--output", data.File("p.json"),
            "--visualize", "pred", "--vis-dir", data.File("vis"), "--quiet"]);

    private static string[] Pictures(RunFolder data) =>
        Directory.GetFiles(data.File("vis")).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();

    private static string[] MapKeys(RunFolder data)
    {
        using var map = JsonDocument.Parse(File.ReadAllText(data.File("p.json")));
        return map.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
    }

    [Fact]
    public void A_name_with_a_backslash_is_drawn_under_a_safe_name()
    {
        using var data = new RunFolder(1);
        File.Copy(Fixtures.Tiny("object_96x80.png"), Path.Combine(data.Images, "a\\b.png"));

        var run = LocalizeDrawing(data, data.Images);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["a\\b.png", "img_0000.png"], MapKeys(data));
        Assert.Equal(["LOST_a%5Cb.png", "LOST_img_0000.png"], Pictures(data));
    }

    [Fact]
    public void Images_sharing_a_file_name_get_pictures_of_their_own()
    {
        using var data = new RunFolder(0);
        Directory.CreateDirectory(Path.Combine(data.Images, "a"));
        Directory.CreateDirectory(Path.Combine(data.Images, "b"));
        File.Copy(Fixtures.Tiny("object_96x80.png"), Path.Combine(data.Images, "a", "x.png"));
        File.Copy(Fixtures.Tiny("wide_100x75.png"), Path.Combine(data.Images, "b", "x.png"));

        Assert.Equal(0, LocalizeDrawing(data, data.Images).ExitCode);

        Assert.Equal(["LOST_a%2Fx.png", "LOST_b%2Fx.png"], Pictures(data));
    }

    [Fact]
    public void A_picture_that_cannot_be_written_is_reported_on_its_image_and_the_run_goes_on()
    {
        using var data = new RunFolder(2);
        // A folder squatting on the first picture's name: that write fails after the temporary file.
        Directory.CreateDirectory(Path.Combine(data.File("vis"), "LOST_img_0000.png"));

        var run = LocalizeDrawing(data, data.Images);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["img_0000.png", "img_0001.png"], MapKeys(data));
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.True(lines[0].TryGetProperty("box", out _), "the image's result is still reported");
        Assert.Contains("LOST_img_0000.png", lines[0].GetProperty("pictures_error").GetString());
        Assert.False(lines[1].TryGetProperty("pictures_error", out _));
        Assert.Contains("LOST_img_0001.png", Pictures(data));
    }

    [Fact]
    public void A_name_too_long_for_a_picture_is_shortened_and_kept_apart()
    {
        using var data = new RunFolder(0);
        string stem = new('n', 240);
        File.Copy(Fixtures.Tiny("object_96x80.png"), Path.Combine(data.Images, stem + "1.png"));
        File.Copy(Fixtures.Tiny("object_96x80.png"), Path.Combine(data.Images, stem + "2.png"));

        var run = LocalizeDrawing(data, data.Images);

        Assert.Equal(0, run.ExitCode);
        var pictures = Pictures(data);
        Assert.Equal(2, pictures.Length);
        Assert.All(pictures, p => Assert.InRange(Encoding.UTF8.GetByteCount(p), 1, 255));
    }

    [Theory]
    [InlineData("dog.v2.jpg", "dog")]
    [InlineData(".hidden.png", ".hidden.png")]
    [InlineData("a/x.png", "a%2Fx")]
    [InlineData("a/b.c/x.y.png", "a%2Fb.c%2Fx")]
    [InlineData("a\\b.png", "a%5Cb")]
    [InlineData("100%.png", "100%25")]
    [InlineData("tab\there.png", "tab%09here")]
    [InlineData("<a:b>?.png", "%3Ca%3Ab%3E%3F")]
    [InlineData("/data/voc/x.png", "%2Fdata%2Fvoc%2Fx")]
    public void A_key_gives_the_references_stem_with_unsafe_characters_escaped(string key, string stem)
    {
        Assert.Equal(stem, VisualizationFileNames.StemOfKey(key));
    }

    [Fact]
    public void Long_stems_that_differ_only_at_the_end_stay_apart_within_the_limit()
    {
        string a = VisualizationFileNames.StemOfKey(new string('é', 200) + "a.png");
        string b = VisualizationFileNames.StemOfKey(new string('é', 200) + "b.png");
        Assert.NotEqual(a, b);
        Assert.InRange(Encoding.UTF8.GetByteCount(a), 1, VisualizationFileNames.MaxStemBytes);
        Assert.InRange(Encoding.UTF8.GetByteCount(b), 1, VisualizationFileNames.MaxStemBytes);
    }
}
