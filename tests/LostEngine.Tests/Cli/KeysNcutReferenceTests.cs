using System.Globalization;
using System.Text.Json;
using LostEngine.Kernel;
using LostEngine.Tests.Reference;

namespace LostEngine.Tests.Cli;

/// <summary>
/// Every ncut reference case through <c>lost keys --method tokencut|maskcut</c>: the printed JSON is the library's
/// own result on the same keys (<see cref="KeysNcutJson"/>), and holds the official code's answer.
/// </summary>
public sealed class KeysNcutReferenceTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        if (NcutReferenceCase.Names.Count == 0)
        {
            data.Add(ReferenceCaseTests.NoCases);
        }
        foreach (string name in NcutReferenceCase.Names)
        {
            data.Add(name);
        }
        return data;
    }

    [NcutReferenceTheory]
    [MemberData(nameof(Cases))]
    public void Keys_command_prints_the_library_result_which_is_the_references(string caseName)
    {
        var reference = NcutReferenceCase.Load(caseName);
        var grid = reference.Grid;
        string[] args =
        [
            "keys", reference.KeysPath, "--method", reference.Method,
            "--grid", $"{grid.Rows}x{grid.Cols}",
            "--patch", grid.ScaleX.ToString(CultureInfo.InvariantCulture),
            "--image-size", $"{grid.ImageHeight}x{grid.ImageWidth}",
            "--tau", reference.Tau.ToString("R", CultureInfo.InvariantCulture),
            "--eps", reference.Eps.ToString("R", CultureInfo.InvariantCulture),
            .. reference.Method == "maskcut" ? new[] { "--rounds", reference.Rounds.ToString(CultureInfo.InvariantCulture) } : [],
        ];

        var brief = CliRunner.Run(args);
        var detailed = CliRunner.Run([.. args, "--details"]);

        Assert.True(brief.ExitCode == 0, brief.Error);
        Assert.True(detailed.ExitCode == 0, detailed.Error);
        var (keys, dim) = reference.ReadKeys();
        using var workspace = new NcutWorkspace(grid.PatchCount, dim);
        if (reference.TokenCut is { } expected)
        {
            var result = TokenCutKernel.Run(keys, dim, reference.TokenCutParameters, workspace);
            KeysNcutJson.AssertTokenCut(brief.Json, result, workspace, details: false);
            KeysNcutJson.AssertTokenCut(detailed.Json, result, workspace, details: true);
            var json = detailed.Json;
            Assert.Contains(json.GetProperty("seed").GetInt32(), expected.SeedCandidates);
            Assert.Equal(expected.Box, json.Ints("box"));
            Assert.Equal(expected.Partition, json.Ints("partition"));
            Assert.Equal(expected.Component, json.Ints("component"));
            return;
        }
        var rounds = reference.MaskCut!;
        var maskCut = MaskCutKernel.Run(keys, dim, reference.MaskCutParameters, workspace);
        KeysNcutJson.AssertMaskCut(brief.Json, maskCut, workspace, details: false);
        KeysNcutJson.AssertMaskCut(detailed.Json, maskCut, workspace, details: true);
        var objects = detailed.Json.GetProperty("objects").EnumerateArray().ToArray();
        var found = rounds.Select((r, i) => (Round: i, r.Cells, r.Box)).Where(r => r.Cells.Length > 0).ToArray();
        Assert.Equal(found.Length, objects.Length);
        for (int i = 0; i < found.Length; i++)
        {
            Assert.Equal(found[i].Round, objects[i].GetProperty("round").GetInt32());
            Assert.Equal(found[i].Cells, objects[i].Ints("cells"));
            Assert.Equal(found[i].Box, objects[i].Ints("box"));
        }
    }
}

/// <summary>What <c>lost keys</c> must print for a TokenCut or MaskCut result, field by field.</summary>
internal static class KeysNcutJson
{
    public static void AssertTokenCut(JsonElement json, in TokenCutResult result, NcutWorkspace workspace, bool details)
    {
        string[] names = result.HasObject
            ? ["object", "seed", "box", "box_patches", "component_size", "ncut_value", "eigengap"]
            : result.Reason == NoObjectReason.TooFewPatches ? ["object", "reason"] : ["object", "reason", "ncut_value", "eigengap"];
        Assert.Equal([.. names, .. details ? new[] { "partition", "component", "eigenvector" } : []], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(result.HasObject, json.GetProperty("object").GetBoolean());
        if (result.HasObject)
        {
            Assert.Equal(result.Seed, json.GetProperty("seed").GetInt32());
            Assert.Equal([result.Box.X1, result.Box.Y1, result.Box.X2, result.Box.Y2], json.Ints("box"));
            var cells = result.BoxPatches;
            Assert.Equal([cells.YMin, cells.XMin, cells.YMax, cells.XMax], json.Ints("box_patches"));
            Assert.Equal(result.ComponentSize, json.GetProperty("component_size").GetInt32());
        }
        else
        {
            Assert.Equal(result.ReasonText, json.GetProperty("reason").GetString());
        }
        if (result.Reason != NoObjectReason.TooFewPatches)
        {
            Assert.Equal(result.NcutValue, json.GetProperty("ncut_value").GetDouble());
            Assert.Equal(result.Eigengap, json.GetProperty("eigengap").GetDouble());
        }
        if (details)
        {
            Assert.Equal(Cells(workspace.Partition), json.Ints("partition"));
            Assert.Equal(Cells(workspace.Component), json.Ints("component"));
            Assert.Equal(workspace.Eigenvector.ToArray(), json.GetProperty("eigenvector").EnumerateArray().Select(e => e.GetDouble()));
        }
    }

    public static void AssertMaskCut(JsonElement json, in MaskCutResult result, NcutWorkspace workspace, bool details)
    {
        string[] names = result.HasObject ? ["object", "objects"] : ["object", "reason", "objects"];
        Assert.Equal([.. names, .. details ? new[] { "rounds" } : []], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(result.HasObject, json.GetProperty("object").GetBoolean());
        if (!result.HasObject)
        {
            Assert.Equal(result.ReasonText, json.GetProperty("reason").GetString());
        }
        var objects = json.GetProperty("objects").EnumerateArray().ToArray();
        var map = workspace.ObjectMap.ToArray();
        Assert.Equal(workspace.Objects.Length, objects.Length);
        for (int i = 0; i < objects.Length; i++)
        {
            var expected = workspace.Objects[i];
            Assert.Equal(expected.Round, objects[i].GetProperty("round").GetInt32());
            Assert.Equal([expected.Box.X1, expected.Box.Y1, expected.Box.X2, expected.Box.Y2], objects[i].Ints("box"));
            Assert.Equal(Enumerable.Range(0, map.Length).Where(c => map[c] == i + 1), objects[i].Ints("cells"));
            Assert.Equal(expected.CellCount, objects[i].Ints("cells").Length);
        }
        if (!details)
        {
            return;
        }
        var rounds = json.GetProperty("rounds").EnumerateArray().ToArray();
        Assert.Equal(result.RoundCount, rounds.Length);
        for (int r = 0; r < rounds.Length; r++)
        {
            var expected = workspace.Rounds[r];
            var seed = rounds[r].GetProperty("seed");
            Assert.Equal(expected.Seed, seed.ValueKind == JsonValueKind.Null ? -1 : seed.GetInt32());
            Assert.Equal(expected.Reason != NoObjectReason.None, rounds[r].TryGetProperty("reason", out _));
            Assert.Equal(Cells(workspace.RoundMask(r)), rounds[r].Ints("mask"));
            Assert.Equal(expected.Dropped, rounds[r].GetProperty("dropped").GetBoolean());
            Assert.Equal(expected.Reversed, rounds[r].GetProperty("reversed").GetBoolean());
            Assert.Equal(expected.Sign switch { CutSign.Irrelevant => "irrelevant", CutSign.Reference => "reference", _ => "corners" },
                rounds[r].GetProperty("sign").GetString());
        }
    }

    private static int[] Cells(ReadOnlySpan<byte> mask)
    {
        var cells = new List<int>();
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0)
            {
                cells.Add(i);
            }
        }
        return [.. cells];
    }
}
