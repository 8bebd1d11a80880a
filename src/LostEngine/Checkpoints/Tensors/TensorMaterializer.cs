using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace LostEngine.Checkpoints;

/// <summary>
/// Turns tensor references into float32 arrays in row-major order. Everything is checked before the first storage
/// is read: each tensor's type converts exactly, its view stays inside its storage, each storage entry declares its
/// exact size, and the totals are within the limits. Then each storage is read once, however many tensors view it.
/// </summary>
internal static class TensorMaterializer
{
    /// <summary>Checks every view and size against <paramref name="limits"/>, then reads each storage once and cuts its tensors from it.</summary>
    /// <param name="tensors">The state dict's tensors, by key.</param>
    /// <param name="archive">The checkpoint's archive.</param>
    /// <param name="source">Names the checkpoint in errors.</param>
    /// <param name="limits">The bounds checked before anything is read.</param>
    /// <param name="storageRead">Told (bytes read, bytes to read) after each storage; null for nobody.</param>
    /// <param name="cancellation">Checked between storages.</param>
    public static Dictionary<string, CheckpointTensor> Read(
        IReadOnlyList<(string Name, TensorReference Tensor)> tensors, TorchZipArchive archive, string source, CheckpointLimits limits,
        Action<long, long>? storageRead = null, CancellationToken cancellation = default)
    {
        long elements = 0;
        foreach (var (name, tensor) in tensors)
        {
            CheckView(name, tensor, source);
            elements += tensor.Numel;
        }
        if (elements > limits.MaxTensorElements)
        {
            throw new CheckpointFormatException(source, string.Create(CultureInfo.InvariantCulture,
                $"the state dict's tensors hold {elements} values, more than the limit of {limits.MaxTensorElements}."));
        }
        var byStorage = tensors.GroupBy(entry => entry.Tensor.Storage).ToList();
        long bytes = 0;
        foreach (var storage in byStorage.Select(group => group.Key))
        {
            CheckStorageSize(storage, source, limits);
            archive.CheckStorage(storage);
            bytes += storage.ByteLength;
        }
        if (bytes > limits.MaxTotalBytes)
        {
            throw new CheckpointFormatException(source, string.Create(CultureInfo.InvariantCulture,
                $"the state dict's storages are {bytes} bytes, more than the limit of {limits.MaxTotalBytes}."));
        }

        var values = new Dictionary<string, float[]>(tensors.Count, StringComparer.Ordinal);
        long read = 0;
        foreach (var group in byStorage)
        {
            cancellation.ThrowIfCancellationRequested();
            var storage = ReadStorage(group.Key, archive);
            read += group.Key.ByteLength;
            storageRead?.Invoke(read, bytes);
            bool alone = group.Count() == 1;
            foreach (var (name, tensor) in group)
            {
                values[name] = View(storage, tensor, alone);
            }
        }
        return tensors.ToDictionary(entry => entry.Name, entry => new CheckpointTensor(entry.Name, entry.Tensor.Shape, values[entry.Name]), StringComparer.Ordinal);
    }

    private static void CheckView(string name, TensorReference tensor, string source)
    {
        var storage = tensor.Storage;
        if (!storage.Type.ConvertsExactly())
        {
            throw new CheckpointFormatException(source,
                $"tensor '{name}' is {storage.Type.DTypeName()} (torch.{storage.Type.ClassName()}); backbone weights are read from float32, float16 and bfloat16 only, which convert to float32 exactly.",
                tensor: name);
        }
        long? last = tensor.LastElement();
        if (last is not long element || element >= storage.Numel)
        {
            throw new CheckpointFormatException(source, string.Create(CultureInfo.InvariantCulture,
                $"tensor '{name}' of shape {ShapeText.Of(tensor.Shape)}, stride {ShapeText.Of(tensor.Stride)} at offset {tensor.Offset} reaches past the {storage.Numel} elements of storage '{storage.Key}'."),
                tensor: name);
        }
    }

    private static void CheckStorageSize(StorageReference storage, string source, CheckpointLimits limits)
    {
        if (storage.ByteLength > limits.MaxStorageBytes || storage.Numel > Array.MaxLength)
        {
            throw new CheckpointFormatException(source, string.Create(CultureInfo.InvariantCulture,
                $"storage '{storage.Key}' is {storage.ByteLength} bytes, more than the limit of {Math.Min(limits.MaxStorageBytes, Array.MaxLength)}."));
        }
    }

    private static float[] ReadStorage(StorageReference storage, TorchZipArchive archive)
    {
        var values = new float[storage.Numel];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        archive.ReadStorage(storage, bytes[..checked((int)storage.ByteLength)]);
        if (storage.Type == TorchStorageType.Float)
        {
            if (archive.BigEndian)
            {
                var words = MemoryMarshal.Cast<float, int>(values.AsSpan());
                BinaryPrimitives.ReverseEndianness(words, words);
            }
            return values;
        }
        // The 2-byte values fill the first half of the array; widening from the last keeps each source ahead of
        // the float written over it (value i is read from bytes 2i..2i+1 and written to 4i..4i+3).
        for (int i = values.Length - 1; i >= 0; i--)
        {
            var half = bytes.Slice(2 * i, 2);
            ushort bits = archive.BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(half) : BinaryPrimitives.ReadUInt16LittleEndian(half);
            values[i] = storage.Type == TorchStorageType.Half
                ? (float)BitConverter.UInt16BitsToHalf(bits)
                : BitConverter.Int32BitsToSingle(bits << 16);
        }
        return values;
    }

    private static float[] View(float[] storage, TensorReference tensor, bool alone)
    {
        if (tensor.Numel == 0)
        {
            return [];
        }
        if (tensor.IsRowMajor)
        {
            return alone && tensor.Offset == 0 && tensor.Numel == storage.Length
                ? storage
                : storage.AsSpan((int)tensor.Offset, (int)tensor.Numel).ToArray();
        }
        return Gather(storage, tensor);
    }

    private static float[] Gather(float[] storage, TensorReference tensor)
    {
        var shape = tensor.Shape;
        var stride = tensor.Stride;
        int rank = shape.Length;
        var result = new float[tensor.Numel];
        var index = new int[rank];
        int inner = shape[rank - 1];
        long innerStride = stride[rank - 1];
        long start = tensor.Offset;
        for (int written = 0; written < result.Length; written += inner)
        {
            long at = start;
            for (int j = 0; j < inner; j++, at += innerStride)
            {
                result[written + j] = storage[at];
            }
            for (int k = rank - 2; k >= 0; k--)
            {
                start += stride[k];
                if (++index[k] < shape[k])
                {
                    break;
                }
                start -= stride[k] * shape[k];
                index[k] = 0;
            }
        }
        return result;
    }
}
