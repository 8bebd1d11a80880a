using LostEngine.Kernel;
using LostEngine.Visualization;
using SkiaSharp;

namespace LostEngine.Tests.Visualization;

/// <summary>Bad inputs and failed writes give typed errors naming the input, and leave no partial file.</summary>
public class VisualizationErrorTests
{
    [Fact]
    public void Output_folder_that_is_a_file_is_a_typed_error()
    {
        using var scene = VisualizationScene.Planted();
        Directory.CreateDirectory(scene.Folder);
        string file = Path.Combine(scene.Folder, "not-a-folder");
        File.WriteAllText(file, "x");
        var error = Assert.Throws<VisualizationOutputException>(() => LostVisualizer.Render(VisualizationKind.Pred, scene.Image,
            scene.Keys, VisualizationScene.Dim, scene.Parameters, scene.Result, scene.Workspace, file, "scene"));
        Assert.Equal("outputDirectory", error.InputName);
        Assert.Equal(file, error.Path);
        Assert.Contains(file, error.Message);
        Assert.IsAssignableFrom<LostInputException>(error);
    }

    [Fact]
    public void Failed_write_leaves_no_partial_or_temporary_file()
    {
        using var scene = VisualizationScene.Planted();
        // A folder squatting on the target name makes the final move fail after the temporary file is written.
        Directory.CreateDirectory(Path.Combine(scene.Folder, "LOST_scene.png"));
        var error = Assert.Throws<VisualizationOutputException>(() => scene.Render(VisualizationKind.Pred));
        Assert.EndsWith("LOST_scene.png", error.Path);
        Assert.Empty(Directory.GetFiles(scene.Folder));
    }

    [Fact]
    public void Rewriting_a_figure_replaces_it_whole()
    {
        using var scene = VisualizationScene.Planted();
        string first = scene.Render(VisualizationKind.Pred);
        string second = scene.Render(VisualizationKind.Pred);
        Assert.Equal(first, second);
        Assert.Single(Directory.GetFiles(scene.Folder));
        using var png = new PngPixels(second);
        Assert.Equal((255, 0, 0), png[40, 16]);
    }

    [Fact]
    public void Image_of_another_size_is_rejected()
    {
        using var scene = VisualizationScene.Planted();
        using var small = new SKBitmap(40, 32);
        var error = Assert.Throws<LostInputException>(() => LostVisualizer.Render(VisualizationKind.Pred, small, scene.Keys,
            VisualizationScene.Dim, scene.Parameters, scene.Result, scene.Workspace, scene.Folder, "scene"));
        Assert.Equal("image", error.InputName);
        Assert.Contains("40x32", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void Stem_that_is_not_a_file_name_is_rejected(string stem)
    {
        using var scene = VisualizationScene.Planted();
        var error = Assert.Throws<LostInputException>(() => LostVisualizer.Render(VisualizationKind.Pred, scene.Image, scene.Keys,
            VisualizationScene.Dim, scene.Parameters, scene.Result, scene.Workspace, scene.Folder, stem));
        Assert.Equal("imageStem", error.InputName);
        Assert.False(Directory.Exists(scene.Folder));
    }

    [Fact]
    public void No_kind_is_rejected()
    {
        using var scene = VisualizationScene.Planted();
        var error = Assert.Throws<LostInputException>(() => scene.Render(VisualizationKind.None));
        Assert.Equal("kind", error.InputName);
    }

    [Fact]
    public void Keys_of_another_grid_are_rejected()
    {
        using var scene = VisualizationScene.Planted();
        var error = Assert.Throws<LostInputException>(() => LostVisualizer.Render(VisualizationKind.Fms, scene.Image, scene.Keys.AsSpan(0, 10),
            VisualizationScene.Dim, scene.Parameters, scene.Result, scene.Workspace, scene.Folder, "scene"));
        Assert.Equal("keys", error.InputName);
    }

    [Fact]
    public void Workspace_of_another_call_is_rejected_for_fms()
    {
        using var scene = VisualizationScene.Planted();
        using var fresh = new LostWorkspace(20, 2);
        var error = Assert.Throws<LostInputException>(() => LostVisualizer.Render(VisualizationKind.Fms, scene.Image, scene.Keys,
            VisualizationScene.Dim, scene.Parameters, scene.Result, fresh, scene.Folder, "scene"));
        Assert.Equal("workspace", error.InputName);
    }

    [Fact]
    public void Image_path_overload_decodes_the_file_and_names_by_its_stem()
    {
        using var scene = VisualizationScene.Planted();
        Directory.CreateDirectory(scene.Folder);
        string imagePath = Path.Combine(scene.Folder, "dog.v2.png");
        using (var encoded = SKImage.FromBitmap(scene.Image).Encode(SKEncodedImageFormat.Png, 100))
        using (var stream = File.Create(imagePath))
        {
            encoded.SaveTo(stream);
        }
        string outFolder = Path.Combine(scene.Folder, "out");
        var paths = LostVisualizer.Render(VisualizationKind.Pred, imagePath, scene.Keys, VisualizationScene.Dim,
            scene.Parameters, scene.Result, scene.Workspace, outFolder);
        Assert.Equal(Path.Combine(outFolder, "LOST_dog.png"), Assert.Single(paths));
        using var png = new PngPixels(paths[0]);
        Assert.Equal((255, 0, 0), png[40, 16]);
        var c = VisualizationScene.ImageColor(40, 32);
        Assert.Equal((c.Red, c.Green, c.Blue), png[40, 32]);
    }

    [Fact]
    public void Missing_or_undecodable_image_file_is_rejected()
    {
        using var scene = VisualizationScene.Planted();
        Directory.CreateDirectory(scene.Folder);
        string missing = Path.Combine(scene.Folder, "missing.jpg");
        var error = Assert.Throws<LostInputException>(() => LostVisualizer.Render(VisualizationKind.Pred, missing, scene.Keys,
            VisualizationScene.Dim, scene.Parameters, scene.Result, scene.Workspace, scene.Folder));
        Assert.Equal("image", error.InputName);
        Assert.Contains("does not exist", error.Message);

        string garbage = Path.Combine(scene.Folder, "garbage.jpg");
        File.WriteAllText(garbage, "not an image");
        error = Assert.Throws<LostInputException>(() => LostVisualizer.Render(VisualizationKind.Pred, garbage, scene.Keys,
            VisualizationScene.Dim, scene.Parameters, scene.Result, scene.Workspace, scene.Folder));
        Assert.Contains("decode", error.Message);
    }

    [Theory]
    [InlineData("pred", VisualizationKind.Pred)]
    [InlineData("fms", VisualizationKind.Fms)]
    [InlineData("Seed_Expansion", VisualizationKind.SeedExpansion)]
    [InlineData("pred, fms", VisualizationKind.Pred | VisualizationKind.Fms)]
    public void Names_parse_to_kinds(string name, VisualizationKind expected)
    {
        Assert.Equal(expected, VisualizationKindNames.Parse(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("boxes")]
    public void Unknown_names_are_rejected_naming_the_option(string name)
    {
        var error = Assert.Throws<LostInputException>(() => VisualizationKindNames.Parse(name, "--visualize"));
        Assert.Equal("--visualize", error.InputName);
    }

    [Theory]
    [InlineData("/data/VOC/000236.jpg", "000236")]
    [InlineData("dog.v2.png", "dog")]
    [InlineData(".hidden", ".hidden")]
    public void Stem_of_a_path_is_the_name_before_its_first_dot(string path, string stem)
    {
        Assert.Equal(stem, VisualizationFileNames.StemOf(path));
    }
}
