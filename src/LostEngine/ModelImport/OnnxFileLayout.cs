using System.Runtime.InteropServices;
using System.Text;
using LostEngine.ModelImport.Protobuf;
using LostEngine.ModelImport.Templates;

namespace LostEngine.ModelImport;

/// <summary>
/// The bytes of a filled template, sized before anything is written (protobuf puts each message's length before its
/// body): the template's fields unchanged, its slots as float32 TensorProtos carrying their values (raw_data) or
/// pointing into the external data file, and the metadata. Weights are written from the caller's memory as they
/// are, little-endian, without a copy.
/// </summary>
internal sealed class OnnxFileLayout
{
    // Each tensor in the external data file starts on a page, so that ONNX Runtime can map it rather than read it.
    private const long ExternalAlignment = 4096;
    private const int ChunkBytes = 4 << 20;

    private readonly OnnxTemplate _template;
    private readonly ReadOnlyMemory<float>[] _weights;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _metadata;
    private readonly string? _dataLocation;
    private readonly long[] _tensorBytes;
    private readonly long[] _dataOffsets;
    private readonly long _graphBytes;

    public OnnxFileLayout(OnnxTemplate template, ReadOnlyMemory<float>[] weights, IReadOnlyList<KeyValuePair<string, string>> metadata, string? dataLocation)
    {
        _template = template;
        _weights = weights;
        _metadata = metadata;
        _dataLocation = dataLocation;
        _tensorBytes = new long[weights.Length];
        _dataOffsets = new long[weights.Length];
        long graph = template.GraphFields.Length;
        long data = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            var initializer = template.Initializers[i];
            if (!initializer.IsSlot)
            {
                graph += initializer.Constant!.Length;
                continue;
            }
            long valueBytes = (long)weights[i].Length * sizeof(float);
            if (dataLocation is not null)
            {
                data = Align(data);
                _dataOffsets[i] = data;
                data += valueBytes;
            }
            _tensorBytes[i] = TensorSize(initializer, valueBytes, _dataOffsets[i]);
            graph += ProtoWriter.LengthDelimitedSize(OnnxFields.GraphInitializer, _tensorBytes[i]);
        }
        _graphBytes = graph;
        DataBytes = data;
        ModelBytes = template.ModelFields.Length + ProtoWriter.LengthDelimitedSize(OnnxFields.ModelGraph, graph)
            + metadata.Sum(p => ProtoWriter.LengthDelimitedSize(OnnxFields.ModelMetadataProps, EntrySize(p.Key, p.Value)));
    }

    /// <summary>Bytes of the model file.</summary>
    public long ModelBytes { get; }

    /// <summary>Bytes of the external data file; 0 when the weights are inside the model.</summary>
    public long DataBytes { get; }

    /// <summary>Writes the model file.</summary>
    public void WriteModel(Stream stream, WriteCounter counter)
    {
        stream.Write(_template.ModelFields);
        ProtoWriter.WriteLengthPrefix(stream, OnnxFields.ModelGraph, _graphBytes);
        stream.Write(_template.GraphFields);
        for (int i = 0; i < _weights.Length; i++)
        {
            var initializer = _template.Initializers[i];
            if (!initializer.IsSlot)
            {
                stream.Write(initializer.Constant);
                continue;
            }
            ProtoWriter.WriteLengthPrefix(stream, OnnxFields.GraphInitializer, _tensorBytes[i]);
            foreach (int d in initializer.Shape)
            {
                ProtoWriter.WriteVarintField(stream, OnnxFields.TensorDims, (ulong)d);
            }
            ProtoWriter.WriteVarintField(stream, OnnxFields.TensorDataType, OnnxFields.Float);
            ProtoWriter.WriteStringField(stream, OnnxFields.TensorName, initializer.Name);
            long valueBytes = (long)_weights[i].Length * sizeof(float);
            if (_dataLocation is null)
            {
                ProtoWriter.WriteLengthPrefix(stream, OnnxFields.TensorRawData, valueBytes);
                WriteValues(stream, _weights[i], counter);
            }
            else
            {
                foreach (var (key, value) in ExternalEntries(_dataOffsets[i], valueBytes))
                {
                    ProtoWriter.WriteLengthPrefix(stream, OnnxFields.TensorExternalData, EntrySize(key, value));
                    WriteEntry(stream, key, value);
                }
                ProtoWriter.WriteVarintField(stream, OnnxFields.TensorDataLocation, OnnxFields.External);
            }
        }
        foreach (var (key, value) in _metadata)
        {
            ProtoWriter.WriteLengthPrefix(stream, OnnxFields.ModelMetadataProps, EntrySize(key, value));
            WriteEntry(stream, key, value);
        }
        Finish(stream, ModelBytes, counter);
    }

    /// <summary>Writes the external data file: each slot's values at its offset, zeros between.</summary>
    public void WriteData(Stream stream, WriteCounter counter)
    {
        Span<byte> zeros = stackalloc byte[(int)ExternalAlignment];
        zeros.Clear();
        long position = 0;
        for (int i = 0; i < _weights.Length; i++)
        {
            if (!_template.Initializers[i].IsSlot)
            {
                continue;
            }
            stream.Write(zeros[..(int)(_dataOffsets[i] - position)]);
            WriteValues(stream, _weights[i], counter);
            position = _dataOffsets[i] + (long)_weights[i].Length * sizeof(float);
        }
        Finish(stream, DataBytes, counter);
    }

    private static void Finish(Stream stream, long expectedBytes, WriteCounter counter)
    {
        stream.Flush();
        if (stream.Position != expectedBytes)
        {
            throw new InvalidOperationException($"Wrote {stream.Position} bytes where the layout sized {expectedBytes}.");
        }
        counter.Finish(expectedBytes);
    }

    private static void WriteValues(Stream stream, ReadOnlyMemory<float> values, WriteCounter counter)
    {
        for (int start = 0; start < values.Length; start += ChunkBytes / sizeof(float))
        {
            var chunk = values.Span.Slice(start, Math.Min(ChunkBytes / sizeof(float), values.Length - start));
            stream.Write(MemoryMarshal.AsBytes(chunk));
            counter.Add(chunk.Length * sizeof(float));
        }
    }

    private long TensorSize(TemplateInitializer initializer, long valueBytes, long offset)
    {
        long size = ProtoWriter.VarintFieldSize(OnnxFields.TensorDataType, OnnxFields.Float)
            + ProtoWriter.StringFieldSize(OnnxFields.TensorName, initializer.Name);
        foreach (int d in initializer.Shape)
        {
            size += ProtoWriter.VarintFieldSize(OnnxFields.TensorDims, (ulong)d);
        }
        if (_dataLocation is null)
        {
            return size + ProtoWriter.LengthDelimitedSize(OnnxFields.TensorRawData, valueBytes);
        }
        foreach (var (key, value) in ExternalEntries(offset, valueBytes))
        {
            size += ProtoWriter.LengthDelimitedSize(OnnxFields.TensorExternalData, EntrySize(key, value));
        }
        return size + ProtoWriter.VarintFieldSize(OnnxFields.TensorDataLocation, OnnxFields.External);
    }

    private KeyValuePair<string, string>[] ExternalEntries(long offset, long length) =>
    [
        new("location", _dataLocation!),
        new("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("length", length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    private static long EntrySize(string key, string value)
        => ProtoWriter.StringFieldSize(OnnxFields.EntryKey, key) + ProtoWriter.StringFieldSize(OnnxFields.EntryValue, value);

    private static void WriteEntry(Stream stream, string key, string value)
    {
        ProtoWriter.WriteStringField(stream, OnnxFields.EntryKey, key);
        ProtoWriter.WriteStringField(stream, OnnxFields.EntryValue, value);
    }

    private static long Align(long offset) => (offset + ExternalAlignment - 1) / ExternalAlignment * ExternalAlignment;
}
