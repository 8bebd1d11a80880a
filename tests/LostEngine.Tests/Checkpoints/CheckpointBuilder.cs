using System.Buffers.Binary;
using System.Runtime.InteropServices;
using LostEngine.Checkpoints;

namespace LostEngine.Tests.Checkpoints;

/// <summary>
/// One tensor as a test writes it: the storage's type and raw bytes, and the view torch.save would record. By
/// default a contiguous float32 tensor with a storage of its own.
/// </summary>
internal sealed record SavedTensor(string Name, long[] Shape, long[] Stride, string StorageType, long StorageNumel, byte[] StorageBytes, long Offset = 0)
{
    public static SavedTensor Float32(string name, IReadOnlyList<int> shape, float[] values) =>
        new(name, [.. shape.Select(s => (long)s)], RowMajorStrides(shape), "FloatStorage", values.Length,
            MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public static SavedTensor From(CheckpointTensor tensor) => Float32(tensor.Name, tensor.Shape, tensor.Values);

    public static long[] RowMajorStrides(IReadOnlyList<int> shape)
    {
        var strides = new long[shape.Count];
        long step = 1;
        for (int k = shape.Count - 1; k >= 0; k--)
        {
            strides[k] = step;
            step *= shape[k];
        }
        return strides;
    }

    /// <summary>The same values stored as float64.</summary>
    public SavedTensor AsDouble()
    {
        var floats = MemoryMarshal.Cast<byte, float>(StorageBytes);
        var bytes = new byte[floats.Length * 8];
        for (int i = 0; i < floats.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), floats[i]);
        }
        return this with { StorageType = "DoubleStorage", StorageBytes = bytes };
    }
}

/// <summary>
/// Writes a checkpoint as torch.save does: the pickle of a state dict (an OrderedDict of
/// <c>_rebuild_tensor_v2</c> calls on persistent storage ids), optionally nested in dicts as training checkpoints
/// nest it, and one <c>data/&lt;key&gt;</c> entry per storage.
/// </summary>
internal static class CheckpointBuilder
{
    /// <summary>The fixture's tensors as contiguous float32 <see cref="SavedTensor"/>s, in the file's order.</summary>
    public static List<SavedTensor> TensorsOf(Checkpoint checkpoint) => checkpoint.Tensors.Values.Select(SavedTensor.From).ToList();

    /// <param name="tensors">The state dict.</param>
    /// <param name="path">Dict keys the state dict sits under, outermost first (e.g. ["teacher"]).</param>
    /// <param name="keyPrefix">Written before every state-dict key (e.g. "module.backbone.").</param>
    public static byte[] Build(IReadOnlyList<SavedTensor> tensors, IReadOnlyList<string>? path = null, string keyPrefix = "", string prefix = "archive") =>
        TorchZip.Checkpoint(Pickle(tensors, path ?? [], keyPrefix), Storages(tensors), prefix);

    public static byte[] Pickle(IReadOnlyList<SavedTensor> tensors, IReadOnlyList<string> path, string keyPrefix)
    {
        var pickle = new PickleWriter();
        foreach (string key in path)
        {
            pickle.EmptyDict().Str(key);
        }
        StateDict(pickle, tensors, keyPrefix);
        foreach (var _ in path)
        {
            pickle.SetItem();
        }
        return pickle.Stop().ToArray();
    }

    public static void StateDict(PickleWriter pickle, IReadOnlyList<SavedTensor> tensors, string keyPrefix)
    {
        pickle.Global("collections", "OrderedDict").EmptyTuple().Reduce().Mark();
        var keys = new Dictionary<byte[], string>(ReferenceEqualityComparer.Instance);
        foreach (var tensor in tensors)
        {
            if (!keys.TryGetValue(tensor.StorageBytes, out var key))
            {
                keys[tensor.StorageBytes] = key = keys.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            pickle.Str(keyPrefix + tensor.Name)
                .Global("torch._utils", "_rebuild_tensor_v2")
                .Mark()
                .Mark().Str("storage").Global("torch", tensor.StorageType).Str(key).Str("cpu").Int(tensor.StorageNumel).Tuple().PersistentId()
                .Int(tensor.Offset).IntTuple(tensor.Shape).IntTuple(tensor.Stride).Bool(false)
                .Global("collections", "OrderedDict").EmptyTuple().Reduce()
                .Tuple().Reduce();
        }
        pickle.SetItems();
    }

    /// <summary>One entry per distinct storage array, keyed in order of first use as torch.save keys them.</summary>
    public static List<(string Key, byte[] Bytes)> Storages(IReadOnlyList<SavedTensor> tensors) =>
        tensors.Select(tensor => tensor.StorageBytes).Distinct(ReferenceEqualityComparer.Instance).Cast<byte[]>()
            .Select((bytes, index) => (index.ToString(System.Globalization.CultureInfo.InvariantCulture), bytes)).ToList();
}
