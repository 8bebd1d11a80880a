using System.Text.Json;
using LostEngine.IO;
using LostEngine.Kernel;

namespace LostEngine.Tests.Reference;

/// <summary>What the official TokenCut returned for a case (ncut-spec §4).</summary>
public sealed record TokenCutExpectation(int Seed, int[] SeedCandidates, int[] Partition, int[] Component, int[] Box, double[] Eigenvector);

/// <summary>What the official MaskCut returned for one round: its object's cells (empty when it found none) and box.</summary>
public sealed record MaskCutExpectation(int[] Cells, int[]? Box);

/// <summary>One case of <c>../shared/reference/ncut-cases</c>: inputs, keys and expected outputs (ncut-spec §4).</summary>
public sealed record NcutReferenceCase(
    string Name, string Method, string KeysPath, PatchGrid Grid, float Tau, double Eps, int Rounds, double EigenvectorTolerance,
    TokenCutExpectation? TokenCut, MaskCutExpectation[]? MaskCut)
{
    /// <summary>The folder of cases, or null where this checkout has none.</summary>
    public static string? Folder { get; } = ReferenceCaseFolder.Locate("ncut-cases");

    /// <summary>Stems of every case, sorted; empty where the folder is absent.</summary>
    public static IReadOnlyList<string> Names { get; } = ReferenceCaseFolder.Names(Folder);

    /// <summary>Why tests that need the cases are skipped.</summary>
    public static string MissingMessage =>
        $"ncut reference cases not found: expected ../shared/reference/ncut-cases next to the repository root ({ReferenceCaseFolder.RepositoryRoot ?? "no LostEngine.sln above " + AppContext.BaseDirectory}).";

    public TokenCutParameters TokenCutParameters => new(Grid, Tau, Eps);

    public MaskCutParameters MaskCutParameters => new(Grid, Tau, Eps, Rounds);

    /// <summary>Loads the case with stem <paramref name="name"/>.</summary>
    public static NcutReferenceCase Load(string name)
    {
        string folder = Folder ?? throw new InvalidOperationException(MissingMessage);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, name + ".json")));
        var root = document.RootElement;
        string method = root.GetProperty("method").GetString()!;
        int rows = root.GetProperty("grid").GetProperty("rows").GetInt32();
        int cols = root.GetProperty("grid").GetProperty("cols").GetInt32();
        int patch = root.GetProperty("patch_size").GetInt32();
        var grid = root.TryGetProperty("image_size", out var size)
            ? PatchGrid.ForVit(rows, cols, patch, size.GetProperty("height").GetInt32(), size.GetProperty("width").GetInt32())
            : PatchGrid.ForGrid(rows, cols, patch);
        var expected = root.GetProperty("expected");
        return new NcutReferenceCase(
            name, method, Path.Combine(folder, root.GetProperty("keys").GetString()!), grid,
            (float)root.GetProperty("tau").GetDouble(),
            root.GetProperty("eps").GetDouble(),
            root.TryGetProperty("rounds", out var rounds) ? rounds.GetInt32() : 0,
            root.TryGetProperty("eigenvector_tolerance", out var tolerance) ? tolerance.GetDouble() : 0,
            method == "tokencut"
                ? new TokenCutExpectation(
                    expected.GetProperty("seed").GetInt32(),
                    Ints(expected.GetProperty("seed_candidates")),
                    Ints(expected.GetProperty("partition")),
                    Ints(expected.GetProperty("component")),
                    Ints(expected.GetProperty("box")),
                    expected.GetProperty("eigenvector").EnumerateArray().Select(e => e.GetDouble()).ToArray())
                : null,
            method == "maskcut"
                ? expected.GetProperty("objects").EnumerateArray()
                    .Select(o => new MaskCutExpectation(Ints(o.GetProperty("cells")), o.GetProperty("box").ValueKind == JsonValueKind.Null ? null : Ints(o.GetProperty("box"))))
                    .ToArray()
                : null);
    }

    /// <summary>The case's keys, (N, d) float32.</summary>
    public (float[] Keys, int Dim) ReadKeys()
    {
        var array = NpyReader.Read(KeysPath);
        Assert.Equal(2, array.Shape.Count);
        Assert.Equal(Grid.PatchCount, array.Shape[0]);
        return (array.Values, array.Shape[1]);
    }

    private static int[] Ints(JsonElement element) => element.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}

/// <summary>A theory over the ncut reference cases that is skipped, saying why, where the cases are absent.</summary>
public sealed class NcutReferenceTheoryAttribute : TheoryAttribute
{
    public NcutReferenceTheoryAttribute()
    {
        if (NcutReferenceCase.Folder is null)
        {
            Skip = NcutReferenceCase.MissingMessage;
        }
    }
}
