using System.Text.Json;
using LostEngine.Imaging;
using LostEngine.Pipeline;
using LostEngine.Tests.Cli;
using LostEngine.Tests.Imaging;
using LostEngine.Tests.Model;
using LostEngine.Tests.Runs;

namespace LostEngine.Tests.Memory;

/// <summary>
/// <c>--max-side N</c> (<see cref="LocalizerOptions.MaxSide"/>) downscales the longer side to N before the model and
/// reports boxes in the original image's pixels.
/// </summary>
public sealed class MaxSideTests
{
    /// <summary>object_96x80 with every pixel made 2 x 2: downscaled to 96 x 80 by area averaging it is the fixture again.</summary>
    private static string DoubledObject(RunFolder data)
    {
        var decoder = new ImageDecoder();
        var image = decoder.DecodeFile(Fixtures.Tiny("object_96x80.png"));
        var source = decoder.Pixels.ToArray();
        var doubled = new byte[image.Width * 2 * image.Height * 2 * 4];
        for (int y = 0; y < image.Height * 2; y++)
        {
            for (int x = 0; x < image.Width * 2; x++)
            {
                source.AsSpan(((y / 2) * image.Width + x / 2) * 4, 4).CopyTo(doubled.AsSpan((y * image.Width * 2 + x) * 4));
            }
        }
        string path = Path.Combine(data.Images, "doubled.png");
        File.WriteAllBytes(path, TestPng.Encode(image.Width * 2, image.Height * 2, TestPng.Rgba, doubled));
        return path;
    }

    private static int[] FixtureBox()
    {
        using var expected = Fixtures.Lost("object_96x80");
        return expected.RootElement.GetProperty("lost").GetProperty("box").EnumerateArray().Select(v => v.GetInt32()).ToArray();
    }

    [Fact]
    public void The_model_sees_the_downscaled_image_and_the_box_comes_back_in_original_pixels()
    {
        using var data = new RunFolder(0);
        string doubled = DoubledObject(data);
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel, MaxSide = 96 });

        var result = localizer.LocalizeFile(doubled);

        Assert.Equal((192, 160), (result.ImageWidth, result.ImageHeight));
        Assert.Equal((96, 80), (result.ModelWidth, result.ModelHeight));
        Assert.Equal((5, 6), (result.GridRows, result.GridCols));
        Assert.Equal(FixtureBox(), new[] { result.Lost.Box.X1, result.Lost.Box.Y1, result.Lost.Box.X2, result.Lost.Box.Y2 });
        Assert.Equal(FixtureBox().Select(v => v * 2), new[] { result.Box.X1, result.Box.Y1, result.Box.X2, result.Box.Y2 });
    }

    [Fact]
    public void An_image_within_the_max_side_is_not_touched()
    {
        using var plain = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel });
        using var bounded = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel, MaxSide = 96 });
        var expected = plain.LocalizeFile(Fixtures.Tiny("object_96x80.png"));
        var result = bounded.LocalizeFile(Fixtures.Tiny("object_96x80.png"));
        Assert.Equal(expected.Box, result.Box);
        Assert.Equal((96, 80), (result.ModelWidth, result.ModelHeight));
    }

    [Theory]
    [InlineData(LocalizationMethod.Lost)]
    [InlineData(LocalizationMethod.TokenCut)]
    [InlineData(LocalizationMethod.MaskCut)]
    public void A_downscaled_frame_allocates_nothing_in_steady_state(LocalizationMethod method)
    {
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel, Method = method, MaxSide = 40 });
        var decoder = new ImageDecoder();
        var image = decoder.DecodeFile(Fixtures.Tiny("wide_100x75.png"));
        var frame = decoder.Pixels.ToArray();
        localizer.Localize(frame, image.Width, image.Height, image.Stride, image.Format);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            localizer.Localize(frame, image.Width, image.Height, image.Stride, image.Format);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_command_line_reports_the_original_size_and_box()
    {
        using var data = new RunFolder(0);
        string doubled = DoubledObject(data);
        string output = data.File("p.json");

        var run = CliRunner.Run("localize", doubled, "--model", Fixtures.TinyModel, "--max-side", "96", "--output", output, "--quiet");

        Assert.Equal(0, run.ExitCode);
        var line = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(192, line.GetProperty("width").GetInt32());
        Assert.Equal(160, line.GetProperty("height").GetInt32());
        Assert.Equal(FixtureBox().Select(v => v * 2), line.Ints("box"));
        using var map = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(FixtureBox().Select(v => v * 2), map.RootElement.Ints("doubled.png"));
    }

    [Fact]
    public void Maskcut_objects_come_back_in_original_pixels_too()
    {
        using var data = new RunFolder(0);
        string doubled = DoubledObject(data);
        var plain = CliRunner.Run("localize", Fixtures.Tiny("object_96x80.png"), "--model", Fixtures.TinyModel, "--method", "maskcut", "--quiet");
        var scaled = CliRunner.Run("localize", doubled, "--model", Fixtures.TinyModel, "--method", "maskcut", "--max-side", "96", "--quiet");

        Assert.Equal(0, scaled.ExitCode);
        var expected = JsonDocument.Parse(plain.Output).RootElement.GetProperty("objects").EnumerateArray()
            .Select(o => o.Ints("box").Select(v => v * 2).ToArray()).ToArray();
        var actual = JsonDocument.Parse(scaled.Output).RootElement.GetProperty("objects").EnumerateArray().Select(o => o.Ints("box")).ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void A_max_side_below_one_is_bad_input_naming_the_option(string value)
    {
        var run = CliRunner.Run("localize", Fixtures.Tiny("object_96x80.png"), "--model", Fixtures.TinyModel, "--max-side", value, "--quiet");
        Assert.Contains("--max-side", run.AssertBadInput());
    }
}
