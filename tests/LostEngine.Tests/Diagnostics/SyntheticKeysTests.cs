using LostEngine.Diagnostics;
using LostEngine.Kernel;

namespace LostEngine.Tests.Diagnostics;

/// <summary>
/// <see cref="SyntheticKeys.WithObjects"/> makes the same keys from the same seed, and the methods benchmarked on
/// them find the objects it planted: what a benchmark times on them is the work of finding an object.
/// </summary>
public sealed class SyntheticKeysTests
{
    private static readonly int[] Seeds = [SyntheticKeys.DefaultSeed, 1, 2, 3, 4];

    [Fact]
    public void Same_seed_gives_the_same_keys_and_objects_and_another_seed_other_ones()
    {
        var first = SyntheticKeys.WithObjects(20, 30, 48, objects: 2, seed: 9);
        var again = SyntheticKeys.WithObjects(20, 30, 48, objects: 2, seed: 9);
        var other = SyntheticKeys.WithObjects(20, 30, 48, objects: 2, seed: 10);

        Assert.Equal(first.Keys, again.Keys);
        Assert.Equal(first.Objects, again.Objects);
        Assert.NotEqual(first.Keys, other.Keys);
        Assert.Equal(20 * 30 * 48, first.Keys.Length);
        Assert.All(first.Keys, v => Assert.True(float.IsFinite(v)));
    }

    [Theory]
    [InlineData(30, 40, 1)]
    [InlineData(30, 40, 3)]
    [InlineData(7, 5, 2)]
    public void Objects_lie_on_the_grid_apart_from_each_other_at_a_fifth_to_a_half_of_each_side(int rows, int cols, int count)
    {
        var boxes = SyntheticKeys.WithObjects(rows, cols, 8, count).Objects;

        Assert.Equal(count, boxes.Count);
        foreach (var box in boxes)
        {
            Assert.InRange(box.YMin, 0, rows - 1);
            Assert.InRange(box.XMin, 0, cols - 1);
            Assert.InRange(box.YMax - box.YMin, Math.Max(1, rows / 5), Math.Max(1, rows / 2));
            Assert.InRange(box.XMax - box.XMin, Math.Max(1, cols / 5), Math.Max(1, cols / 2));
            Assert.True(box.YMax <= rows && box.XMax <= cols, $"{box} leaves the {rows}x{cols} grid");
        }
        for (int a = 0; a < boxes.Count; a++)
        {
            for (int b = a + 1; b < boxes.Count; b++)
            {
                // A row or a column of background between them.
                var (p, q) = (boxes[a], boxes[b]);
                Assert.True(p.YMax < q.YMin || q.YMax < p.YMin || p.XMax < q.XMin || q.XMax < p.XMin, $"{p} and {q} touch");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SeedCases))]
    public void TokenCut_boxes_the_planted_object(int seed)
    {
        var scene = SyntheticKeys.WithObjects(30, 40, 64, objects: 1, seed: seed);
        using var workspace = new NcutWorkspace(scene.Rows * scene.Cols, scene.Dim);

        var result = TokenCutKernel.Run(scene.Keys, scene.Dim, TokenCutParameters.ForGrid(scene.Rows, scene.Cols, 16), workspace);

        Assert.True(result.HasObject, result.ReasonText);
        Assert.True(Boxes(result.BoxPatches, scene.Objects[0]), $"box {result.BoxPatches}, planted {scene.Objects[0]}");
    }

    [Theory]
    [MemberData(nameof(SeedCases))]
    public void MaskCut_finds_every_planted_object(int seed)
    {
        var scene = SyntheticKeys.WithObjects(30, 40, 64, objects: 2, seed: seed);
        using var workspace = new NcutWorkspace(scene.Rows * scene.Cols, scene.Dim);

        MaskCutKernel.Run(scene.Keys, scene.Dim, MaskCutParameters.ForGrid(scene.Rows, scene.Cols, 16), workspace);

        var found = workspace.Objects.ToArray().Select(o => o.BoxPatches).ToArray();
        foreach (var planted in scene.Objects)
        {
            Assert.True(found.Any(box => Boxes(box, planted)), $"planted {planted}, found {string.Join(", ", found)}");
        }
    }

    [Theory]
    [MemberData(nameof(SeedCases))]
    public void LOST_seeds_in_a_planted_object(int seed)
    {
        var scene = SyntheticKeys.WithObjects(30, 40, 64, objects: 2, seed: seed);
        using var workspace = new LostWorkspace(scene.Rows * scene.Cols, scene.Dim);

        var result = LostKernel.Run(scene.Keys, scene.Dim, LostParameters.ForGrid(scene.Rows, scene.Cols, 16), workspace);

        Assert.True(result.HasObject, result.ReasonText);
        int row = result.Seed / scene.Cols, col = result.Seed % scene.Cols;
        Assert.True(scene.Objects.Any(box => box.Contains(row, col)), $"seed ({row}, {col}) is in none of {string.Join(", ", scene.Objects)}");
    }

    [Fact]
    public void Objects_that_cannot_be_placed_apart_are_refused_naming_objects()
    {
        var e = Assert.Throws<LostInputException>(() => SyntheticKeys.WithObjects(4, 4, 8, objects: 5));
        Assert.Equal("objects", e.InputName);
    }

    [Theory]
    [InlineData(0, 4, 8, 1, "rows")]
    [InlineData(4, 0, 8, 1, "cols")]
    [InlineData(4, 4, 0, 1, "dim")]
    [InlineData(4, 4, 8, -1, "objects")]
    public void Sizes_below_one_are_refused_naming_the_size(int rows, int cols, int dim, int objects, string name)
    {
        var e = Assert.Throws<LostInputException>(() => SyntheticKeys.WithObjects(rows, cols, dim, objects));
        Assert.Equal(name, e.InputName);
    }

    public static TheoryData<int> SeedCases() => new(Seeds);

    /// <summary>
    /// Whether <paramref name="found"/> is the box of <paramref name="planted"/>: inside it, and holding at least its
    /// core (the object without its outer ring, which is half background and may go either way).
    /// </summary>
    private static bool Boxes(CellBox found, CellBox planted) =>
        found.YMin >= planted.YMin && found.XMin >= planted.XMin && found.YMax <= planted.YMax && found.XMax <= planted.XMax
        && found.YMin <= planted.YMin + 1 && found.XMin <= planted.XMin + 1 && found.YMax >= planted.YMax - 1 && found.XMax >= planted.XMax - 1;
}
