using System.Security.Cryptography;
using System.Runtime.InteropServices;
using System.Text.Json;
using LostEngine.Checkpoints;

namespace LostEngine.Tests.Checkpoints;

/// <summary>A tensor as a fixture's manifest records it: name, shape and the SHA-256 of its float32 values.</summary>
internal sealed record ManifestTensor(string Name, int[] Shape, string Sha256);

/// <summary>What tests/fixtures/checkpoints/make_checkpoints.py says it wrote into one checkpoint.</summary>
internal sealed record CheckpointManifest(
    string Name,
    string Family,
    int Patch,
    int EmbedDim,
    int Heads,
    int Depth,
    int Grid,
    int Registers,
    bool LayerScale,
    string FeedForward,
    int FeedForwardHidden,
    IReadOnlyList<ManifestTensor> Tensors,
    IReadOnlyList<ManifestTensor>? StudentTensors)
{
    public string Path => CheckpointFixtures.File(Name + ".pth");

    /// <summary>Options that read the fixture: its width is no official one, so the head count is given.</summary>
    public CheckpointOptions Options => new() { Heads = Heads };
}

/// <summary>The committed checkpoint fixtures (tests/fixtures/checkpoints) and their manifests.</summary>
internal static class CheckpointFixtures
{
    public static readonly string[] Names =
    [
        "dino_s8_backbone", "dino_s8_float16", "dino_s8_views", "dino_s8_training", "dinov2_s14_layerscale",
        "dinov2_s14_reg4", "dinov2_s8_no_layerscale", "dinov2_g14_swiglu_reg4", "dinov2_s14_teacher_checkpoint",
    ];

    public static TheoryData<string> All => new(Names);

    public static string File(string name) => System.IO.Path.Combine(
        Reference.ReferenceCaseFolder.RepositoryRoot ?? throw new DirectoryNotFoundException("LostEngine.sln not found."),
        "tests", "fixtures", "checkpoints", name);

    public static CheckpointManifest Manifest(string name)
    {
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(File(name + ".json")));
        var root = json.RootElement;
        var a = root.GetProperty("architecture");
        return new CheckpointManifest(
            name,
            a.GetProperty("family").GetString()!,
            a.GetProperty("patch").GetInt32(),
            a.GetProperty("embed_dim").GetInt32(),
            a.GetProperty("heads").GetInt32(),
            a.GetProperty("depth").GetInt32(),
            a.GetProperty("grid").GetInt32(),
            a.GetProperty("registers").GetInt32(),
            a.GetProperty("layer_scale").GetBoolean(),
            a.GetProperty("feed_forward").GetString()!,
            a.GetProperty("feed_forward_hidden").GetInt32(),
            Tensors(root.GetProperty("tensors")),
            root.TryGetProperty("student_tensors", out var student) ? Tensors(student) : null);
    }

    /// <summary>Reads a fixture with the head count its manifest gives.</summary>
    public static Checkpoint Read(string name) => PyTorchCheckpoint.Read(File(name + ".pth"), options: Manifest(name).Options);

    public static string Sha256(float[] values) => Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(values.AsSpan())));

    private static List<ManifestTensor> Tensors(JsonElement list) => list.EnumerateArray()
        .Select(t => new ManifestTensor(
            t.GetProperty("name").GetString()!,
            t.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray(),
            t.GetProperty("sha256").GetString()!))
        .ToList();
}
