using System.Collections.Concurrent;
using LostEngine.Tests.Checkpoints;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Import;

/// <summary>
/// Checkpoints of the released architectures at their real sizes, in the released files' layout (a torch.save archive
/// of the official state dict), holding the formula weights the real-size fixtures were computed with. Written once
/// per test run, straight to disk: ViT-B/8's is 344 MB.
/// </summary>
internal static class ReleasedCheckpoints
{
    private static readonly ConcurrentDictionary<string, Lazy<string>> Written = new();

    /// <summary>The path of the checkpoint of the released architecture <paramref name="name"/> (e.g. <c>dino-vits16</c>).</summary>
    public static string Path_(string name) => Written.GetOrAdd(name, n => new Lazy<string>(() =>
    {
        string path = Path.Combine(Fixtures.TempFolder(), $"{n}.pth");
        using var file = File.Create(path);
        Write(n, file);
        return path;
    })).Value;

    /// <summary>Writes that checkpoint to <paramref name="stream"/>, entry by entry as torch.save does.</summary>
    public static void Write(string name, Stream stream)
    {
        var tensors = ImportFixtures.OfficialStateDict(name)
            .Select(pair => SavedTensor.Float32(pair.Key, pair.Value, FormulaWeights.Of(pair.Key, pair.Value.Aggregate(1L, (product, size) => product * size))))
            .ToList();
        TorchZip.Write(stream, TorchZip.CheckpointEntries(CheckpointBuilder.Pickle(tensors, [], ""), CheckpointBuilder.Storages(tensors),
            name.Replace('-', '_') + "_pretrain"));
    }

    /// <summary>The official outputs of the real-size fixture <paramref name="name"/> on its image.</summary>
    public static NpyArray Official(string name, string output)
        => TestNpy.Read(ImportFixtures.File_("real", $"{name}.{ImportFixtures.Real(name).GetProperty("image").GetString()}.{output}.npy"));

    /// <summary>The image the real-size fixtures were computed on.</summary>
    public static string Image(string name)
        => Path.Combine(Path.GetDirectoryName(ImportFixtures.File_())!, "tiny", ImportFixtures.Real(name).GetProperty("image").GetString() + ".png");
}
