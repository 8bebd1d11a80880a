using System.Globalization;
using LostEngine.Tests.Reference;

namespace LostEngine.Tests.Cli;

/// <summary>Every reference case through <c>lost keys --details</c>: the printed JSON holds the reference's answer.</summary>
public sealed class KeysCommandReferenceTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        if (ReferenceCaseFolder.CaseNames.Count == 0)
        {
            data.Add(ReferenceCaseTests.NoCases);
        }
        foreach (string name in ReferenceCaseFolder.CaseNames)
        {
            data.Add(name);
        }
        return data;
    }

    [ReferenceTheory]
    [MemberData(nameof(Cases))]
    public void Keys_command_prints_reference_result(string caseName)
    {
        var reference = ReferenceCase.Load(caseName);
        string[] args =
        [
            "keys", reference.KeysPath,
            "--grid", $"{reference.Rows}x{reference.Cols}",
            "--patch", reference.PatchSize.ToString(CultureInfo.InvariantCulture),
            "--image-size", $"{reference.ImageHeight}x{reference.ImageWidth}",
            "--k", reference.KPatches.ToString(CultureInfo.InvariantCulture),
        ];

        var brief = CliRunner.Run(args);
        var detailed = CliRunner.Run([.. args, "--details"]);

        Assert.True(brief.ExitCode == 0, brief.Error);
        Assert.True(detailed.ExitCode == 0, detailed.Error);
        var json = detailed.Json;
        if (reference.Expected is null)
        {
            Assert.Equal(["object", "reason"], brief.Json.EnumerateObject().Select(p => p.Name));
            Assert.False(brief.Json.GetProperty("object").GetBoolean());
            Assert.Contains("background", brief.Json.GetProperty("reason").GetString());
            Assert.False(json.GetProperty("object").GetBoolean());
            return;
        }
        var expected = reference.Expected;
        Assert.Equal(["object", "seed", "box", "box_patches", "component_size"], brief.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["object", "seed", "box", "box_patches", "component_size", "degrees", "similars", "component"], json.EnumerateObject().Select(p => p.Name));
        Assert.True(json.GetProperty("object").GetBoolean());
        Assert.Equal(expected.Seed, json.GetProperty("seed").GetInt32());
        Assert.Equal(expected.Box, json.Ints("box"));
        Assert.Equal(expected.BoxPatches, json.Ints("box_patches"));
        Assert.Equal(expected.Component.Length, json.GetProperty("component_size").GetInt32());
        Assert.Equal(expected.Similars, json.Ints("similars"));
        Assert.Equal(expected.Component, json.Ints("component"));
        reference.AssertDegrees(json.Ints("degrees"));
    }
}
