using LostEngine.Kernel;
using LostEngine.Pipeline;
using LostEngine.Visualization;
using SkiaSharp;

namespace LostEngine.Tests.Visualization;

/// <summary>Each figure of the planted scene (see <see cref="VisualizationScene"/>), decoded back from its PNG.</summary>
public class LostVisualizerTests
{
    private static readonly (byte, byte, byte) Red = (255, 0, 0);
    private static readonly (byte, byte, byte) Yellow = (204, 204, 0);
    private static readonly (byte, byte, byte) Magenta = (204, 0, 204);
    private static readonly (byte, byte, byte) SeedRed = (204, 37, 41);
    private static readonly (byte, byte, byte) Grey = (128, 133, 133);
    private static readonly (byte, byte, byte) Black = (0, 0, 0);

    [Fact]
    public void Scene_gives_the_planted_seed_and_boxes()
    {
        using var scene = VisualizationScene.Planted();
        Assert.True(scene.Result.HasObject);
        Assert.Equal(1 * VisualizationScene.Cols + 1, scene.Result.Seed);
        Assert.Equal(new PixelBox(16, 16, 64, 48), scene.Result.Box);
        var row = SeedSimilarity.Row(scene.Keys, VisualizationScene.Dim, scene.Result.Seed);
        Assert.Equal(new PixelBox(16, 16, 48, 48), SeedSimilarity.RowBox(row, scene.Result.Seed, scene.Parameters));
    }

    [Fact]
    public void Pred_draws_the_box_in_red_where_opencv_would_and_keeps_the_image_elsewhere()
    {
        using var scene = VisualizationScene.Planted();
        string path = scene.Render(VisualizationKind.Pred);
        Assert.Equal(Path.Combine(scene.Folder, "LOST_scene.png"), path);
        using var png = new PngPixels(path);
        Assert.Equal((80, 64), (png.Width, png.Height));
        for (int x = 16; x <= 64 && x < 80; x++)
        {
            Assert.Equal(Red, png[x, 16]);
            Assert.Equal(Red, png[x, 48]);
        }
        for (int y = 16; y <= 48; y++)
        {
            Assert.Equal(Red, png[16, y]);
            Assert.Equal(Red, png[64, y]);
        }
        // cv2 thickness 3 is a 5 px band centred on each side: 14..18 around y1 = 16, nothing at 13 or 19.
        for (int y = 14; y <= 18; y++)
        {
            Assert.Equal(Red, png[40, y]);
        }
        AssertImage(png, 40, 13);
        AssertImage(png, 40, 19);
        AssertImage(png, 40, 32);
        AssertImage(png, 67, 32);
        // Rounded outer corner: (15, 15) is in OpenCV's corner disc, (14, 14) is not.
        Assert.Equal(Red, png[15, 15]);
        AssertImage(png, 14, 14);
    }

    [Fact]
    public void Fms_writes_the_seed_row_and_the_inverse_degree_map()
    {
        using var scene = VisualizationScene.Planted();
        var paths = LostVisualizer.Render(VisualizationKind.Fms, scene.Image, scene.Keys, VisualizationScene.Dim,
            scene.Parameters, scene.Result, scene.Workspace, scene.Folder, "scene");
        Assert.Equal([Path.Combine(scene.Folder, "corr_scene.png"), Path.Combine(scene.Folder, "deg_scene.png")], paths);

        using (var corr = new PngPixels(paths[0]))
        {
            Assert.Equal((80, 64), (corr.Width, corr.Height));
            AssertCell(corr, 1, 1, SeedRed);
            AssertCell(corr, 1, 2, Grey);
            AssertCell(corr, 2, 1, Grey);
            AssertCell(corr, 2, 2, Grey);
            AssertCell(corr, 1, 3, Black);
            AssertCell(corr, 0, 0, Black);
            AssertCell(corr, 3, 4, Black);
        }
        // Positive counts with the diagonal: S 4, P 6, Q 5, B 14; inverse degrees normalised over [1/14, 1/4].
        using var deg = new PngPixels(paths[1]);
        AssertCell(deg, 1, 1, (255, 255, 255));
        AssertCell(deg, 1, 2, (136, 136, 136));
        AssertCell(deg, 1, 3, (184, 184, 184));
        AssertCell(deg, 0, 0, (0, 0, 0));
    }

    [Fact]
    public void Seed_expansion_draws_the_row_box_yellow_the_final_box_magenta_and_paints_the_seed()
    {
        using var scene = VisualizationScene.Planted();
        string path = scene.Render(VisualizationKind.SeedExpansion);
        Assert.Equal(Path.Combine(scene.Folder, "LOST_seed_expansion_scene.png"), path);
        using var png = new PngPixels(path);
        Assert.Equal(Yellow, png[48, 40]);
        Assert.Equal(Yellow, png[46, 40]);
        Assert.Equal(Yellow, png[50, 40]);
        Assert.Equal(Magenta, png[64, 30]);
        Assert.Equal(Magenta, png[40, 48]);
        Assert.Equal(Magenta, png[40, 16]);
        Assert.Equal(SeedRed, png[24, 24]);
        Assert.Equal(SeedRed, png[16, 16]);
        Assert.Equal(SeedRed, png[31, 31]);
        AssertImage(png, 40, 32);
        AssertImage(png, 56, 32);
        AssertImage(png, 72, 8);
    }

    [Fact]
    public void All_kinds_write_four_files_in_order()
    {
        using var scene = VisualizationScene.Planted();
        var paths = LostVisualizer.Render(VisualizationKindNames.For(LocalizationMethod.Lost), scene.Image, scene.Keys, VisualizationScene.Dim,
            scene.Parameters, scene.Result, scene.Workspace, scene.Folder, "000236");
        Assert.Equal(["LOST_000236.png", "corr_000236.png", "deg_000236.png", "LOST_seed_expansion_000236.png"], paths.Select(Path.GetFileName));
        Assert.Equal(4, Directory.GetFiles(scene.Folder).Length);
    }

    [Fact]
    public void No_object_writes_the_plain_image_under_a_no_object_name()
    {
        using var scene = VisualizationScene.AllZero();
        Assert.False(scene.Result.HasObject);
        var paths = LostVisualizer.Render(VisualizationKindNames.For(LocalizationMethod.Lost), scene.Image, scene.Keys, VisualizationScene.Dim,
            scene.Parameters, scene.Result, scene.Workspace, scene.Folder, "scene");
        Assert.Equal(["LOST_scene_no_object.png", "corr_scene.png", "deg_scene.png", "LOST_seed_expansion_scene_no_object.png"], paths.Select(Path.GetFileName));

        using (var pred = new PngPixels(paths[0]))
        {
            for (int y = 0; y < pred.Height; y += 3)
            {
                for (int x = 0; x < pred.Width; x += 3)
                {
                    AssertImage(pred, x, y);
                }
            }
        }
        using (var corr = new PngPixels(paths[1]))
        {
            AssertCell(corr, 0, 0, SeedRed);
            AssertCell(corr, 2, 3, Black);
        }
        using (var deg = new PngPixels(paths[2]))
        {
            AssertCell(deg, 2, 3, (255, 255, 255));
        }
        using var expansion = new PngPixels(paths[3]);
        Assert.Equal(SeedRed, expansion[8, 8]);
        AssertImage(expansion, 16, 16);
        AssertImage(expansion, 40, 40);
    }

    [Fact]
    public void Padded_image_gets_the_clipped_box_and_an_unpadded_figure()
    {
        var parameters = LostParameters.ForVit(VisualizationScene.Rows, VisualizationScene.Cols, VisualizationScene.Patch, 60, 75);
        using var workspace = new LostWorkspace(20, 2);
        var keys = new float[40];
        for (int cell = 0; cell < 20; cell++)
        {
            bool obj = cell / 5 >= 1 && cell % 5 >= 2;
            keys[cell * 2] = obj ? 1 : 0;
            keys[cell * 2 + 1] = obj ? 0 : 1;
        }
        var result = LostKernel.Run(keys, 2, parameters, workspace);
        Assert.Equal(new PixelBox(32, 16, 75, 60), result.Box);
        using var image = new SKBitmap(new SKImageInfo(75, 60, SKColorType.Rgba8888, SKAlphaType.Opaque));
        image.Erase(new SKColor(10, 20, 30));
        string folder = Path.Combine(Path.GetTempPath(), "lostengine-vis-" + Guid.NewGuid().ToString("N"));
        try
        {
            var paths = LostVisualizer.Render(VisualizationKind.Pred | VisualizationKind.Fms, image, keys, 2, parameters, result, workspace, folder, "padded");
            using var pred = new PngPixels(paths[0]);
            Assert.Equal((75, 60), (pred.Width, pred.Height));
            Assert.Equal(Red, pred[74, 40]);
            Assert.Equal(Red, pred[73, 40]);
            Assert.Equal((10, 20, 30), pred[72, 40]);
            Assert.Equal(Red, pred[50, 59]);
            using var corr = new PngPixels(paths[1]);
            Assert.Equal((80, 64), (corr.Width, corr.Height));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertImage(PngPixels png, int x, int y)
    {
        var c = VisualizationScene.ImageColor(x, y);
        Assert.Equal((c.Red, c.Green, c.Blue), png[x, y]);
    }

    private static void AssertCell(PngPixels png, int row, int col, (byte, byte, byte) expected)
    {
        int p = VisualizationScene.Patch;
        foreach (var (x, y) in new[] { (col * p, row * p), (col * p + p - 1, row * p + p - 1), (col * p + p / 2, row * p + 3) })
        {
            Assert.Equal(expected, png[x, y]);
        }
    }
}
