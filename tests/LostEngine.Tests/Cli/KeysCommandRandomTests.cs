using System.Globalization;
using LostEngine.Kernel;
using LostEngine.Tests.Kernel;

namespace LostEngine.Tests.Cli;

/// <summary>
/// Cases no reference run has seen: random small-integer keys (exact in float32, many ties) on random
/// grids, through <c>lost keys --details</c>, against the tests' own slow LOST, <see cref="ReferenceLost"/>.
/// </summary>
public sealed class KeysCommandRandomTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 24));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Keys_command_matches_independent_lost_on_unseen_integer_keys(int seed)
    {
        var random = new Random(seed);
        int rows = random.Next(1, 13), cols = random.Next(1, 13), dim = new[] { 1, 3, 8, 17 }[random.Next(4)];
        int patch = new[] { 8, 14, 16 }[random.Next(3)];
        int kPatches = new[] { 1, 5, 100, 1000 }[random.Next(4)];
        int imageHeight = rows * patch - random.Next(patch), imageWidth = cols * patch - random.Next(patch);
        // A spread of 1 gives many zero keys and ties; 2 gives more varied degrees.
        int spread = seed % 3 == 0 ? 1 : 2;
        var keys = new float[rows * cols * dim];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = random.Next(-spread, spread + 1);
        }
        if (seed % 4 == 0)
        {
            // A planted block sharing a direction gives a component larger than scattered noise.
            int top = random.Next(rows), left = random.Next(cols);
            for (int r = top; r < Math.Min(rows, top + 4); r++)
            {
                for (int c = left; c < Math.Min(cols, left + 5); c++)
                {
                    keys[(r * cols + c) * dim] += 3;
                }
            }
        }
        bool dropCls = seed % 2 == 0;
        using var folder = new TempFolder();
        string path = folder.File("keys.npy");
        KeysFile.Write(path, keys, dim, withCls: dropCls);

        var run = CliRunner.Run(
        [
            "keys", path, "--grid", $"{rows}x{cols}", "--patch", patch.ToString(CultureInfo.InvariantCulture),
            "--image-size", $"{imageHeight}x{imageWidth}", "--k", kPatches.ToString(CultureInfo.InvariantCulture), "--details",
            .. dropCls ? new[] { "--drop-cls" } : [],
        ]);

        Assert.True(run.ExitCode == 0, run.Error);
        var parameters = new LostParameters(rows, cols, patch, patch, imageHeight, imageWidth, kPatches);
        var expected = ReferenceLost.Run(keys, dim, parameters);
        var json = run.Json;
        var component = Enumerable.Range(0, expected.Component.Length).Where(i => expected.Component[i]).ToArray();
        Assert.Equal(expected.HasObject, json.GetProperty("object").GetBoolean());
        Assert.Equal(expected.Degrees, json.Ints("degrees"));
        Assert.Equal(expected.Similars, json.Ints("similars"));
        Assert.Equal(component, json.Ints("component"));
        if (expected.HasObject)
        {
            Assert.Equal(expected.Seed, json.GetProperty("seed").GetInt32());
            Assert.Equal([expected.Box.X1, expected.Box.Y1, expected.Box.X2, expected.Box.Y2], json.Ints("box"));
            Assert.Equal([expected.Cells.YMin, expected.Cells.XMin, expected.Cells.YMax, expected.Cells.XMax], json.Ints("box_patches"));
            Assert.Equal(component.Length, json.GetProperty("component_size").GetInt32());
        }
    }
}
