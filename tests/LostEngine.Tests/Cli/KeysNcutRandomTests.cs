using System.Globalization;
using LostEngine.IO;
using LostEngine.Kernel;

namespace LostEngine.Tests.Cli;

/// <summary>
/// <c>lost keys --method tokencut|maskcut --details</c> on keys no reference has seen (random small-integer keys with
/// a planted block, on random grids, padded images and thresholds, some with a CLS row): the JSON is the library's
/// result on the same keys. Grids of one or two cells and all-equal keys give the no-object answers.
/// </summary>
public sealed class KeysNcutRandomTests
{
    public static TheoryData<string, int> Seeds()
    {
        var data = new TheoryData<string, int>();
        foreach (string method in new[] { "tokencut", "maskcut" })
        {
            foreach (int seed in Enumerable.Range(1, 12))
            {
                data.Add(method, seed);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Keys_command_prints_the_library_result_on_unseen_keys(string method, int seed)
    {
        var random = new Random(seed);
        int rows = seed == 1 ? 1 : random.Next(2, 11), cols = seed == 1 ? 2 : random.Next(2, 11), dim = new[] { 1, 3, 8, 17 }[random.Next(4)];
        int patch = new[] { 8, 14, 16 }[random.Next(3)];
        int imageHeight = rows * patch - random.Next(patch), imageWidth = cols * patch - random.Next(patch);
        float tau = new[] { 0.1f, 0.2f, 0.5f }[random.Next(3)];
        int rounds = random.Next(1, 5);
        var keys = new float[rows * cols * dim];
        // Seed 2 keeps every key equal: no clear cut.
        bool equal = seed == 2;
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = equal ? 1 : random.Next(-2, 3);
        }
        if (!equal)
        {
            int top = random.Next(rows), left = random.Next(cols);
            for (int r = top; r < Math.Min(rows, top + 3); r++)
            {
                for (int c = left; c < Math.Min(cols, left + 4); c++)
                {
                    keys[(r * cols + c) * dim] += 4;
                }
            }
        }
        bool dropCls = seed % 2 == 0;
        using var folder = new TempFolder();
        string path = folder.File("keys.npy");
        KeysFile.Write(path, keys, dim, withCls: dropCls);
        string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        var run = CliRunner.Run(
        [
            "keys", path, "--method", method, "--grid", $"{rows}x{cols}", "--patch", Text(patch), "--image-size", $"{imageHeight}x{imageWidth}",
            "--tau", Text(tau), "--details",
            .. method == "maskcut" ? new[] { "--rounds", Text(rounds) } : [],
            .. dropCls ? new[] { "--drop-cls" } : [],
        ]);

        Assert.True(run.ExitCode == 0, run.Error);
        var grid = PatchGrid.ForVit(rows, cols, patch, imageHeight, imageWidth);
        using var workspace = new NcutWorkspace(grid.PatchCount, dim);
        if (method == "tokencut")
        {
            var result = TokenCutKernel.Run(keys, dim, new TokenCutParameters(grid, tau), workspace);
            if (seed <= 2)
            {
                Assert.False(result.HasObject);
            }
            KeysNcutJson.AssertTokenCut(run.Json, result, workspace, details: true);
        }
        else
        {
            var result = MaskCutKernel.Run(keys, dim, new MaskCutParameters(grid, tau, Rounds: rounds), workspace);
            KeysNcutJson.AssertMaskCut(run.Json, result, workspace, details: true);
        }
    }

    [Fact]
    public void Defaults_are_each_methods_own()
    {
        // Cosine similarities of 0.17 between the two halves: an edge at maskcut's 0.15, not at tokencut's 0.2.
        using var folder = new TempFolder();
        string path = folder.File("keys.npy");
        var keys = new float[4 * 4 * 2];
        for (int cell = 0; cell < 16; cell++)
        {
            bool left = cell % 4 < 2;
            keys[cell * 2] = left ? 1f : 0.17f;
            keys[cell * 2 + 1] = left ? 0f : MathF.Sqrt(1 - 0.17f * 0.17f);
        }
        NpyWriter.WriteFloat32(path, keys, [16, 2]);
        var grid = PatchGrid.ForGrid(4, 4, 16);

        foreach (var (method, explicitTau) in new[] { ("tokencut", "0.2"), ("maskcut", "0.15") })
        {
            var byDefault = CliRunner.Run("keys", path, "--grid", "4x4", "--method", method, "--details");
            var byValue = CliRunner.Run(["keys", path, "--grid", "4x4", "--method", method, "--details", "--tau", explicitTau, "--eps", "1e-5",
                .. method == "maskcut" ? new[] { "--rounds", "3" } : []]);
            Assert.Equal(byValue.Output, byDefault.Output);
        }
        var tokenCut = CliRunner.Run("keys", path, "--grid", "4x4", "--method", "tokencut");
        var atMaskCutsTau = CliRunner.Run("keys", path, "--grid", "4x4", "--method", "tokencut", "--tau", "0.15");
        Assert.NotEqual(tokenCut.Output, atMaskCutsTau.Output);
        using var workspace = new NcutWorkspace(16, 2);
        KeysNcutJson.AssertTokenCut(tokenCut.Json, TokenCutKernel.Run(keys, 2, new TokenCutParameters(grid), workspace), workspace, details: false);
    }
}
