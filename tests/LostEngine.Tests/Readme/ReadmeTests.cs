using LostEngine.Imaging;
using LostEngine.Kernel;
using LostEngine.Pipeline;
using LostEngine.Tests.Model;
using LostEngine.Tests.Reference;
using SkiaSharp;

namespace LostEngine.Tests.Readme;

public sealed class ReadmeTests
{
    private static string Root => ReferenceCaseFolder.RepositoryRoot
        ?? throw new DirectoryNotFoundException("LostEngine.sln not found above the test binaries.");

    private static string[] Snippet(string text, string begin, string end)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        int from = Array.FindIndex(lines, l => l.Trim() == begin);
        int to = Array.FindIndex(lines, from + 1, l => l.Trim() == end);
        Assert.True(from >= 0 && to > from, $"markers {begin} / {end} not found");
        var body = lines[(from + 1)..to];
        int indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return body.Select(l => l.Length >= indent ? l[indent..] : l.Trim()).ToArray();
    }

    [Theory]
    [InlineData("// README-BEGIN", "// README-END")]
    [InlineData("// README-NCUT-BEGIN", "// README-NCUT-END")]
    public void The_readme_shows_the_tested_library_examples_verbatim(string begin, string end)
    {
        var tested = Snippet(File.ReadAllText(Path.Combine(Root, "tests", "LostEngine.Tests", "Readme", "ReadmeExample.cs")), begin, end);
        string readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        Assert.Contains(string.Join('\n', tested), readme);
    }

    [Fact]
    public void The_readme_example_runs_and_agrees_with_each_entry_point()
    {
        string image = Fixtures.Tiny("object_96x80.png");
        using var bitmap = SKBitmap.Decode(image);
        var rgb = new byte[bitmap.Width * bitmap.Height * 3];
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                int i = (y * bitmap.Width + x) * 3;
                (rgb[i], rgb[i + 1], rgb[i + 2]) = (c.Red, c.Green, c.Blue);
            }
        }
        using var lost = Fixtures.Lost("object_96x80");
        var keysNpy = LostEngine.IO.NpyReader.Read(Fixtures.Tiny("object_96x80.k.npy"));
        int dim = keysNpy.Shape[1];
        int rows = lost.RootElement.GetProperty("grid").GetProperty("rows").GetInt32();
        int cols = lost.RootElement.GetProperty("grid").GetProperty("cols").GetInt32();
        var keys = keysNpy.Values[dim..];
        var expected = lost.RootElement.GetProperty("lost").GetProperty("box").EnumerateArray().Select(v => v.GetInt32()).ToArray();

        var (fromFile, fromFrame, fromKeys) = ReadmeExample.Run(Fixtures.TinyModel, image, rgb, bitmap.Width, bitmap.Height, keys, rows, cols, dim);

        Assert.Equal(new PixelBox(expected[0], expected[1], expected[2], expected[3]), fromFile);
        Assert.Equal(fromFile, fromFrame);
        // The keys call pads nothing away (ForGrid), so only its unclipped maxima may differ from the image's box.
        Assert.Equal((fromFile.X1, fromFile.Y1), (fromKeys.X1, fromKeys.Y1));
    }

    [Fact]
    public void The_readme_ncut_example_runs_and_agrees_with_the_kernel()
    {
        string image = Fixtures.Tiny("object_96x80.png");
        var keysNpy = LostEngine.IO.NpyReader.Read(Fixtures.Tiny("object_96x80.k.npy"));
        int dim = keysNpy.Shape[1];
        using var lost = Fixtures.Lost("object_96x80");
        int rows = lost.RootElement.GetProperty("grid").GetProperty("rows").GetInt32();
        int cols = lost.RootElement.GetProperty("grid").GetProperty("cols").GetInt32();

        var (tokenCut, maskCut, fromKeys, eigenvectorLength) = ReadmeExample.RunNcut(Fixtures.TinyModel, image, keysNpy.Values[dim..], rows, cols, dim);

        // The tiny model's cut of this image is clear (eigengap 0.44), so PyTorch's keys give the ONNX model's box;
        // the keys call pads nothing away (ForGrid), so only its unclipped maxima may differ.
        Assert.Equal(new PixelBox(32, 16, 80, 64), tokenCut);
        Assert.Equal((tokenCut.X1, tokenCut.Y1), (fromKeys.X1, fromKeys.Y1));
        Assert.Equal(rows * cols, eigenvectorLength);
        Assert.NotEmpty(maskCut);
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = Fixtures.TinyModel, Method = LocalizationMethod.MaskCut });
        Assert.Equal(localizer.LocalizeFile(image).Box, maskCut[0]);
    }
}
