using System.Text.Json;
using LostEngine.IO;
using LostEngine.Kernel;

namespace LostEngine.Tests.Reference;

/// <summary>What the reference LOST returned for a case in which it found an object.</summary>
public sealed record ReferenceExpectation(
    int Seed, int[] Degrees, int[] Similars, int[] Component, int[] Box, int[] BoxPatches);

/// <summary>One case of the shared reference folder: its inputs, keys and expected outputs (see the folder's README).</summary>
public sealed record ReferenceCase(
    string Name, string KeysPath, int Rows, int Cols, int PatchSize, int ImageHeight, int ImageWidth, int KPatches,
    bool Exact, int DegreeTolerance, ReferenceExpectation? Expected, string? ExpectedError)
{
    /// <summary>The kernel's parameters for this case.</summary>
    public LostParameters Parameters => LostParameters.ForVit(Rows, Cols, PatchSize, ImageHeight, ImageWidth, KPatches);

    /// <summary>Loads the case with stem <paramref name="name"/> from the reference folder.</summary>
    public static ReferenceCase Load(string name)
    {
        string folder = ReferenceCaseFolder.Path ?? throw new InvalidOperationException(ReferenceCaseFolder.MissingMessage);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, name + ".json")));
        var root = document.RootElement;
        var expected = root.GetProperty("expected");
        bool isError = expected.TryGetProperty("error", out var error);
        return new ReferenceCase(
            name,
            Path.Combine(folder, root.GetProperty("keys").GetString()!),
            root.GetProperty("grid").GetProperty("rows").GetInt32(),
            root.GetProperty("grid").GetProperty("cols").GetInt32(),
            root.GetProperty("patch_size").GetInt32(),
            root.GetProperty("image_size").GetProperty("height").GetInt32(),
            root.GetProperty("image_size").GetProperty("width").GetInt32(),
            root.GetProperty("k_patches").GetInt32(),
            root.GetProperty("exact").GetBoolean(),
            root.TryGetProperty("degree_tolerance", out var tolerance) ? tolerance.GetInt32() : 0,
            isError ? null : new ReferenceExpectation(
                expected.GetProperty("seed").GetInt32(),
                Ints(expected.GetProperty("degrees")),
                Ints(expected.GetProperty("similars")),
                Ints(expected.GetProperty("component")),
                Ints(expected.GetProperty("box")),
                Ints(expected.GetProperty("box_patches"))),
            isError ? error.GetString() : null);
    }

    /// <summary>The case's keys, (N, d) float32.</summary>
    public (float[] Keys, int Dim) ReadKeys()
    {
        var array = NpyReader.Read(KeysPath);
        Assert.Equal(2, array.Shape.Count);
        Assert.Equal(Rows * Cols, array.Shape[0]);
        return (array.Values, array.Shape[1]);
    }

    /// <summary>Checks degrees: exactly for exact cases, within <see cref="DegreeTolerance"/> otherwise.</summary>
    public void AssertDegrees(ReadOnlySpan<int> actual)
    {
        var expected = Expected!.Degrees;
        Assert.Equal(expected.Length, actual.Length);
        int tolerance = Exact ? 0 : DegreeTolerance;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"{Name}: degree of patch {i} is {actual[i]}, reference {expected[i]}, tolerance {tolerance}.");
        }
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
