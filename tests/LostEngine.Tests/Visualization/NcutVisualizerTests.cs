using LostEngine.Kernel;
using LostEngine.Visualization;

namespace LostEngine.Tests.Visualization;

/// <summary>TokenCut's and MaskCut's figures of the planted scene (see <see cref="NcutScene"/>), decoded back from their PNGs.</summary>
public sealed class NcutVisualizerTests
{
    private static readonly (byte, byte, byte) Red = (255, 0, 0);
    private static readonly (byte, byte, byte) SeedRed = (204, 37, 41);
    private static readonly (byte, byte, byte) CividisLow = (0, 34, 78);
    private static readonly (byte, byte, byte) CividisHigh = (254, 232, 56);

    /// <summary>The scene image's pixel tinted half-way to <paramref name="color"/>.</summary>
    private static (byte, byte, byte) Tinted(int x, int y, (int R, int G, int B) color)
    {
        var c = VisualizationScene.ImageColor(x, y);
        return ((byte)((c.Red + color.R) / 2), (byte)((c.Green + color.G) / 2), (byte)((c.Blue + color.B) / 2));
    }

    private static (byte, byte, byte) Untouched(int x, int y)
    {
        var c = VisualizationScene.ImageColor(x, y);
        return (c.Red, c.Green, c.Blue);
    }

    [Fact]
    public void The_scene_gives_the_planted_cut_and_objects()
    {
        using var scene = NcutScene.Planted();
        var tokenCut = scene.TokenCut();
        Assert.Equal(6, tokenCut.Seed);
        Assert.Equal(new PixelBox(16, 16, 32, 48), tokenCut.Box);
        Assert.Equal([6, 8, 11, 13], Enumerable.Range(0, 20).Where(i => scene.Workspace.Partition[i] == 1));

        var maskCut = scene.MaskCut();
        Assert.Equal(2, maskCut.ObjectCount);
        Assert.Equal([new PixelBox(16, 16, 32, 48), new PixelBox(48, 16, 64, 48)], scene.Workspace.Objects.ToArray().Select(o => o.Box));
    }

    [Fact]
    public void TokenCut_pred_tints_the_partition_outlines_the_box_and_paints_the_seed()
    {
        using var scene = NcutScene.Planted();
        var result = scene.TokenCut();

        var paths = TokenCutVisualizer.Render(VisualizationKind.Pred, scene.Image, NcutScene.Grid, result, scene.Workspace, scene.Folder, "scene");

        Assert.Equal(Path.Combine(scene.Folder, "TokenCut_scene.png"), Assert.Single(paths));
        using var png = new PngPixels(paths[0]);
        Assert.Equal((80, 64), (png.Width, png.Height));
        // The seed cell 6 (x 16–31, y 16–31) is painted whole, over the box.
        Assert.Equal(SeedRed, png[24, 24]);
        Assert.Equal(SeedRed, png[16, 16]);
        // Cell 11, the rest of A: tinted inside, the box's 5 px band on its left side (x 14–18).
        Assert.Equal(Tinted(24, 40, (0, 160, 255)), png[24, 40]);
        Assert.Equal(Red, png[16, 40]);
        Assert.Equal(Red, png[32, 40]);
        Assert.Equal(Red, png[24, 48]);
        // B is in the partition but outside the box: tinted, no outline.
        Assert.Equal(Tinted(56, 24, (0, 160, 255)), png[56, 24]);
        Assert.Equal(Tinted(50, 40, (0, 160, 255)), png[50, 40]);
        // Background.
        Assert.Equal(Untouched(8, 56), png[8, 56]);
        Assert.Equal(Untouched(72, 8), png[72, 8]);
    }

    [Fact]
    public void TokenCut_attn_is_the_eigenvector_in_cividis_at_the_padded_size()
    {
        using var scene = NcutScene.Planted();
        var result = scene.TokenCut();

        string path = Assert.Single(TokenCutVisualizer.Render(VisualizationKind.Attn, scene.Image, NcutScene.Grid, result, scene.Workspace,
            scene.Folder, "scene"));

        Assert.Equal(Path.Combine(scene.Folder, "TokenCut_attn_scene.png"), path);
        using var png = new PngPixels(path);
        Assert.Equal((80, 64), (png.Width, png.Height));
        // A and B share the largest x, the background the smallest: the two ends of the table, cell by cell.
        foreach (int cell in Enumerable.Range(0, 20))
        {
            var expected = cell is 6 or 8 or 11 or 13 ? CividisHigh : CividisLow;
            int x = cell % 5 * 16, y = cell / 5 * 16;
            Assert.Equal(expected, png[x, y]);
            Assert.Equal(expected, png[x + 15, y + 15]);
        }
    }

    [Fact]
    public void TokenCut_without_a_cut_writes_the_plain_image_and_no_heat_map()
    {
        using var scene = NcutScene.Uniform();
        var result = scene.TokenCut();
        Assert.Equal(NoObjectReason.NoClearCut, result.Reason);

        var paths = TokenCutVisualizer.Render(VisualizationKind.Pred | VisualizationKind.Attn, scene.Image, NcutScene.Grid, result, scene.Workspace,
            scene.Folder, "scene");

        Assert.Equal(["TokenCut_scene_no_object.png"], paths.Select(Path.GetFileName));
        using var png = new PngPixels(paths[0]);
        for (int y = 0; y < png.Height; y += 7)
        {
            for (int x = 0; x < png.Width; x += 7)
            {
                Assert.Equal(Untouched(x, y), png[x, y]);
            }
        }
    }

    [Fact]
    public void MaskCut_pred_draws_each_object_in_its_own_colour()
    {
        using var scene = NcutScene.Planted();
        var result = scene.MaskCut();

        string path = Assert.Single(MaskCutVisualizer.Render(VisualizationKind.Pred, scene.Image, NcutScene.Grid, result, scene.Workspace,
            scene.Folder, "scene"));

        Assert.Equal(Path.Combine(scene.Folder, "MaskCut_scene.png"), path);
        using var png = new PngPixels(path);
        Assert.Equal((80, 64), (png.Width, png.Height));
        (int, int, int) first = (31, 119, 180), second = (255, 127, 14);
        // A: tinted in the first colour, outlined in it.
        Assert.Equal(Tinted(24, 24, first), png[24, 24]);
        Assert.Equal(Tinted(24, 40, first), png[24, 40]);
        Assert.Equal(((byte)31, (byte)119, (byte)180), png[16, 40]);
        Assert.Equal(((byte)31, (byte)119, (byte)180), png[24, 16]);
        // B: the second colour.
        Assert.Equal(Tinted(56, 24, second), png[56, 24]);
        Assert.Equal(((byte)255, (byte)127, (byte)14), png[64, 40]);
        Assert.Equal(((byte)255, (byte)127, (byte)14), png[56, 48]);
        Assert.Equal(Untouched(8, 56), png[8, 56]);
        Assert.Equal(Untouched(40, 8), png[40, 8]);
    }

    [Fact]
    public void MaskCut_without_an_object_writes_the_plain_image_under_a_no_object_name()
    {
        using var scene = NcutScene.Uniform();
        var result = scene.MaskCut();
        Assert.False(result.HasObject);

        string path = Assert.Single(MaskCutVisualizer.Render(VisualizationKind.Pred, scene.Image, NcutScene.Grid, result, scene.Workspace,
            scene.Folder, "scene"));

        Assert.Equal("MaskCut_scene_no_object.png", Path.GetFileName(path));
        using var png = new PngPixels(path);
        Assert.Equal(Untouched(24, 24), png[24, 24]);
    }

    [Theory]
    [InlineData(VisualizationKind.Fms, "'fms' is not a figure of method tokencut; it draws pred,attn.")]
    [InlineData(VisualizationKind.Pred | VisualizationKind.SeedExpansion, "'seed_expansion' is not a figure of method tokencut; it draws pred,attn.")]
    [InlineData(VisualizationKind.None, "no figure is not a figure of method tokencut; it draws pred,attn.")]
    public void A_figure_TokenCut_does_not_draw_is_refused(VisualizationKind kind, string problem)
    {
        using var scene = NcutScene.Planted();
        var result = scene.TokenCut();
        var e = Assert.Throws<LostInputException>(() =>
            TokenCutVisualizer.Render(kind, scene.Image, NcutScene.Grid, result, scene.Workspace, scene.Folder, "scene"));
        Assert.Equal("kind", e.InputName);
        Assert.Equal(problem, e.Problem);
        Assert.False(Directory.Exists(scene.Folder));
    }

    [Fact]
    public void A_figure_MaskCut_does_not_draw_is_refused()
    {
        using var scene = NcutScene.Planted();
        var result = scene.MaskCut();
        var e = Assert.Throws<LostInputException>(() =>
            MaskCutVisualizer.Render(VisualizationKind.Attn, scene.Image, NcutScene.Grid, result, scene.Workspace, scene.Folder, "scene"));
        Assert.Equal("'attn' is not a figure of method maskcut; it draws pred.", e.Problem);
    }

    [Fact]
    public void A_workspace_of_another_call_is_refused()
    {
        using var scene = NcutScene.Planted();
        var tokenCut = scene.TokenCut();
        var maskCut = scene.MaskCut();
        using var fresh = new NcutWorkspace(20, 3);
        Assert.Equal("workspace", Assert.Throws<LostInputException>(() =>
            TokenCutVisualizer.Render(VisualizationKind.Pred, scene.Image, NcutScene.Grid, tokenCut, fresh, scene.Folder, "scene")).InputName);
        Assert.Equal("workspace", Assert.Throws<LostInputException>(() =>
            MaskCutVisualizer.Render(VisualizationKind.Pred, scene.Image, NcutScene.Grid, maskCut, fresh, scene.Folder, "scene")).InputName);
    }

    [Fact]
    public void An_image_of_another_size_and_a_bad_stem_are_refused()
    {
        using var scene = NcutScene.Planted();
        var result = scene.TokenCut();
        using var small = new SkiaSharp.SKBitmap(40, 32);
        Assert.Equal("image", Assert.Throws<LostInputException>(() =>
            TokenCutVisualizer.Render(VisualizationKind.Pred, small, NcutScene.Grid, result, scene.Workspace, scene.Folder, "scene")).InputName);
        Assert.Equal("imageStem", Assert.Throws<LostInputException>(() =>
            TokenCutVisualizer.Render(VisualizationKind.Pred, scene.Image, NcutScene.Grid, result, scene.Workspace, scene.Folder, "a/b")).InputName);
    }

    [Theory]
    [InlineData(0, 0, 34, 78)]
    [InlineData(17, 0, 46, 108)]
    [InlineData(119, 117, 117, 117)]
    [InlineData(255, 254, 232, 56)]
    [InlineData(8, 0, 40, 92)]
    public void Cividis_is_matplotlibs_at_every_17th_level_and_linear_between(int level, int r, int g, int b)
    {
        Assert.Equal(new RgbColor((byte)r, (byte)g, (byte)b), ColourScale.Cividis((byte)level));
    }
}
