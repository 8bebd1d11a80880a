using System.Text.RegularExpressions;

namespace LostEngine.Checkpoints;

/// <summary>
/// Finds the backbone's state dict in the object a checkpoint's pickle describes, as the Python exporter
/// (src/export/checkpoint.py) does and a little further:
/// <list type="bullet">
/// <item>a released backbone file is the state dict itself;</item>
/// <item>a DINO training checkpoint (<c>main_dino.py</c>'s <c>checkpoint.pth</c>) and a DINOv2 evaluation checkpoint
/// (<c>teacher_checkpoint.pth</c>) hold it under <c>teacher</c> or <c>student</c>;</item>
/// <item>a DINOv2 training checkpoint holds the whole meta-architecture under <c>model</c>, its keys prefixed
/// <c>teacher.</c> or <c>student.</c>;</item>
/// <item>keys lose DistributedDataParallel's <c>module.</c>; when some start with <c>backbone.</c>, only those are
/// kept (the heads are beside them), without the prefix;</item>
/// <item>DINOv2's training backbone splits its blocks in chunks for FSDP (<c>blocks.&lt;chunk&gt;.&lt;i&gt;.</c>, where
/// <c>i</c> counts across chunks); the chunk level is dropped, giving the released files' <c>blocks.&lt;i&gt;.</c>.</item>
/// </list>
/// </summary>
internal static partial class StateDictExtractor
{
    private static readonly string[] Networks = ["teacher", "student"];

    /// <summary>The backbone's tensors in the file's order, keyed as in the released files.</summary>
    public static List<(string Name, TensorReference Tensor)> Extract(object? root, string checkpointKey, string source)
    {
        if (root is not PickleDict top)
        {
            throw new CheckpointFormatException(source, $"holds {PickleDescription.Of(root)}, not a state dict.");
        }
        var dict = top;
        string? selected = null;
        if (Networks.Any(top.ContainsKey))
        {
            dict = Entry(top, checkpointKey, source);
            selected = checkpointKey;
        }
        else if (top.TryGetValue("model", out var model) && model is PickleDict)
        {
            dict = Entry(top, "model", source);
        }
        var entries = new List<(string Key, object? Value)>(dict.Count);
        foreach (var key in dict.Keys)
        {
            if (key is not string name)
            {
                throw new CheckpointFormatException(source, $"the state dict has the key {PickleDescription.Of(key)}, not a str.");
            }
            entries.Add((Strip(name, "module."), dict[key]));
        }
        if (selected is null && entries.Any(entry => Networks.Any(network => entry.Key.StartsWith(network + ".", StringComparison.Ordinal))))
        {
            entries = KeepPrefixed(entries, checkpointKey + ".", source, "a training checkpoint's model");
        }
        if (entries.Any(entry => entry.Key.StartsWith("backbone.", StringComparison.Ordinal)))
        {
            entries = KeepPrefixed(entries, "backbone.", source, "the state dict");
        }
        return Tensors(Unchunk(entries), source);
    }

    private static PickleDict Entry(PickleDict top, string key, string source)
    {
        if (!top.TryGetValue(key, out var value))
        {
            var names = top.Keys.OfType<string>().Order(StringComparer.Ordinal).Take(12);
            throw new CheckpointFormatException(source, $"the training checkpoint has no '{key}' entry (entries: {string.Join(", ", names)}).");
        }
        return value as PickleDict
            ?? throw new CheckpointFormatException(source, $"entry '{key}' holds {PickleDescription.Of(value)}, not a state dict.");
    }

    private static List<(string Key, object? Value)> KeepPrefixed(List<(string Key, object? Value)> entries, string prefix, string source, string what)
    {
        var kept = entries.Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(entry => (entry.Key[prefix.Length..], entry.Value)).ToList();
        if (kept.Count == 0)
        {
            throw new CheckpointFormatException(source, $"{what} has no '{prefix}' keys.");
        }
        return kept;
    }

    private static List<(string Key, object? Value)> Unchunk(List<(string Key, object? Value)> entries)
    {
        var blocks = entries.Where(entry => entry.Key.StartsWith("blocks.", StringComparison.Ordinal)).ToList();
        if (blocks.Count == 0 || !blocks.TrueForAll(entry => ChunkedBlockKey().IsMatch(entry.Key)))
        {
            return entries;
        }
        return entries.Select(entry => (ChunkedBlockKey().Replace(entry.Key, "blocks.$2.$3"), entry.Value)).ToList();
    }

    private static List<(string Name, TensorReference Tensor)> Tensors(List<(string Key, object? Value)> entries, string source)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tensors = new List<(string Name, TensorReference Tensor)>(entries.Count);
        foreach (var (key, value) in entries)
        {
            if (value is not TensorReference tensor)
            {
                throw new CheckpointFormatException(source, $"state dict entry '{key}' holds {PickleDescription.Of(value)}, not a tensor.", tensor: key);
            }
            if (!seen.Add(key))
            {
                throw new CheckpointFormatException(source, $"two state dict entries are named '{key}' once their prefixes are removed.", tensor: key);
            }
            tensors.Add((key, tensor));
        }
        return tensors;
    }

    private static string Strip(string key, string prefix) => key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : key;

    [GeneratedRegex(@"^blocks\.([0-9]+)\.([0-9]+)\.(.+)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ChunkedBlockKey();
}
