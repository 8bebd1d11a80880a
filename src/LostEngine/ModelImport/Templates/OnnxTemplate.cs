using System.Globalization;
using System.Text;
using System.Text.Json;
using LostEngine.ModelImport.Protobuf;

namespace LostEngine.ModelImport.Templates;

/// <summary>
/// A weight-free ONNX model written by <c>src/export/export_dino_onnx.py --template</c>: the graph of one architecture,
/// whose initializers that stand for checkpoint tensors keep their name, type and shape but no data. It is kept as the
/// encoded fields the importer copies unchanged (everything but the graph's initializers and the model's metadata)
/// and the list of initializers, in order, for <see cref="OnnxModelWriter"/> to fill.
/// </summary>
internal sealed class OnnxTemplate
{
    /// <summary>Metadata key of the checkpoint tensors the graph does not use, a JSON object of name to shape.</summary>
    public const string UnusedKey = "lostengine.template.unused";

    private const int MaxRank = 8;

    private OnnxTemplate(string name, byte[] modelFields, byte[] graphFields, IReadOnlyList<TemplateInitializer> initializers,
        IReadOnlyList<KeyValuePair<string, string>> metadata, IReadOnlyDictionary<string, int[]> unused, GraphArchitecture architecture)
    {
        Name = name;
        ModelFields = modelFields;
        GraphFields = graphFields;
        Initializers = initializers;
        Metadata = metadata;
        Unused = unused;
        Architecture = architecture;
    }

    /// <summary>The template's name, e.g. <c>dinov2-vits14-reg</c>.</summary>
    public string Name { get; }

    /// <summary>The model's fields other than its graph and metadata, encoded (IR version, opsets, producer).</summary>
    public byte[] ModelFields { get; }

    /// <summary>The graph's fields other than its initializers, encoded (nodes, inputs, outputs, name).</summary>
    public byte[] GraphFields { get; }

    /// <summary>The graph's initializers in their order: slots and constants.</summary>
    public IReadOnlyList<TemplateInitializer> Initializers { get; }

    /// <summary>The model's metadata, without <see cref="UnusedKey"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; }

    /// <summary>Checkpoint tensors the graph does not use (DINOv2's <c>mask_token</c>), by name, with their shapes.</summary>
    public IReadOnlyDictionary<string, int[]> Unused { get; }

    /// <summary>The architecture the metadata and slots describe.</summary>
    public GraphArchitecture Architecture { get; }

    /// <summary>Reads a template from its encoded ModelProto.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a template.</exception>
    public static OnnxTemplate Parse(ReadOnlySpan<byte> bytes, string name)
    {
        string source = $"graph template '{name}'";
        using var modelFields = new MemoryStream();
        using var graphFields = new MemoryStream();
        var initializers = new List<TemplateInitializer>();
        var metadata = new List<KeyValuePair<string, string>>();
        bool sawGraph = false;
        var model = new ProtoReader(bytes, source);
        while (!model.End)
        {
            int start = model.Position;
            var (field, wire) = model.ReadTag();
            if (wire == ProtoReader.LengthDelimited && field == OnnxFields.ModelGraph)
            {
                ReadGraph(model.ReadBytes(), source, graphFields, initializers);
                sawGraph = true;
                continue;
            }
            if (wire == ProtoReader.LengthDelimited && field == OnnxFields.ModelMetadataProps)
            {
                metadata.Add(ReadEntry(model.ReadBytes(), source));
                continue;
            }
            model.Skip(wire);
            modelFields.Write(bytes[start..model.Position]);
        }
        if (!sawGraph)
        {
            throw new InvalidDataException($"{source}: has no graph.");
        }
        var props = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            props[key] = value;
        }
        var unused = ReadUnused(props, source);
        metadata.RemoveAll(p => p.Key == UnusedKey);
        var architecture = ReadArchitecture(props, initializers, source);
        return new OnnxTemplate(name, modelFields.ToArray(), graphFields.ToArray(), initializers, metadata, unused, architecture);
    }

    private static void ReadGraph(ReadOnlySpan<byte> bytes, string source, MemoryStream kept, List<TemplateInitializer> initializers)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var graph = new ProtoReader(bytes, source);
        while (!graph.End)
        {
            int start = graph.Position;
            var (field, wire) = graph.ReadTag();
            if (wire == ProtoReader.LengthDelimited && field == OnnxFields.GraphInitializer)
            {
                var initializer = ReadInitializer(graph.ReadBytes(), bytes[start..graph.Position], source);
                if (!names.Add(initializer.Name))
                {
                    throw new InvalidDataException($"{source}: initializer '{initializer.Name}' appears twice.");
                }
                initializers.Add(initializer);
                continue;
            }
            graph.Skip(wire);
            kept.Write(bytes[start..graph.Position]);
        }
    }

    private static TemplateInitializer ReadInitializer(ReadOnlySpan<byte> tensor, ReadOnlySpan<byte> field, string source)
    {
        var dims = new List<int>();
        string? name = null;
        int dataType = 0;
        bool hasData = false;
        var reader = new ProtoReader(tensor, source);
        while (!reader.End)
        {
            var (number, wire) = reader.ReadTag();
            switch (number)
            {
                case OnnxFields.TensorDims when wire == ProtoReader.Varint:
                    dims.Add(Dimension(reader.ReadVarint(), source));
                    break;
                case OnnxFields.TensorDims when wire == ProtoReader.LengthDelimited:
                    var packed = new ProtoReader(reader.ReadBytes(), source);
                    while (!packed.End)
                    {
                        dims.Add(Dimension(packed.ReadVarint(), source));
                    }
                    break;
                case OnnxFields.TensorDataType when wire == ProtoReader.Varint:
                    dataType = (int)Math.Min(reader.ReadVarint(), int.MaxValue);
                    break;
                case OnnxFields.TensorName when wire == ProtoReader.LengthDelimited:
                    name = Encoding.UTF8.GetString(reader.ReadBytes());
                    break;
                case OnnxFields.TensorRawData when wire == ProtoReader.LengthDelimited:
                    hasData |= !reader.ReadBytes().IsEmpty;
                    break;
                case OnnxFields.TensorFloatData or OnnxFields.TensorInt32Data or OnnxFields.TensorStringData or OnnxFields.TensorInt64Data
                    or OnnxFields.TensorDoubleData or OnnxFields.TensorUint64Data or OnnxFields.TensorExternalData:
                    hasData = true;
                    reader.Skip(wire);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
            if (dims.Count > MaxRank)
            {
                throw new InvalidDataException($"{source}: an initializer has more than {MaxRank} dimensions.");
            }
        }
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidDataException($"{source}: an initializer has no name.");
        }
        var shape = dims.ToArray();
        bool slot = !hasData && dataType == OnnxFields.Float && shape.All(d => d > 0);
        return new TemplateInitializer(name, shape, slot ? null : field.ToArray());
    }

    private static int Dimension(ulong value, string source)
        => value <= int.MaxValue ? (int)value : throw new InvalidDataException($"{source}: an initializer dimension is {value}.");

    private static KeyValuePair<string, string> ReadEntry(ReadOnlySpan<byte> entry, string source)
    {
        string key = "", value = "";
        var reader = new ProtoReader(entry, source);
        while (!reader.End)
        {
            var (field, wire) = reader.ReadTag();
            if (wire == ProtoReader.LengthDelimited && field is OnnxFields.EntryKey or OnnxFields.EntryValue)
            {
                string text = Encoding.UTF8.GetString(reader.ReadBytes());
                (key, value) = field == OnnxFields.EntryKey ? (text, value) : (key, text);
                continue;
            }
            reader.Skip(wire);
        }
        return new(key, value);
    }

    private static Dictionary<string, int[]> ReadUnused(Dictionary<string, string> props, string source)
    {
        if (!props.TryGetValue(UnusedKey, out var json))
        {
            throw new InvalidDataException($"{source}: has no '{UnusedKey}' metadata; it is not a template.");
        }
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, int[]>>(json)
                ?? throw new InvalidDataException($"{source}: '{UnusedKey}' is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: '{UnusedKey}' is not a JSON object of shapes: {e.Message}", e);
        }
    }

    private static GraphArchitecture ReadArchitecture(Dictionary<string, string> props, List<TemplateInitializer> initializers, string source)
    {
        int Number(string key)
        {
            if (!props.TryGetValue($"lostengine.{key}", out var text)
                || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            {
                throw new InvalidDataException($"{source}: metadata 'lostengine.{key}' is missing or not a number.");
            }
            return value;
        }

        var family = props.GetValueOrDefault("lostengine.family") switch
        {
            "dino" => GraphFamily.Dino,
            "dinov2" => GraphFamily.DinoV2,
            var other => throw new InvalidDataException($"{source}: metadata 'lostengine.family' is '{other}'."),
        };
        bool Has(string name) => initializers.Any(i => i.IsSlot && i.Name == name);
        return new GraphArchitecture(family, Number("patch_size"), Number("embed_dim"), Number("depth"), Number("num_heads"),
            Number("registers"), Has("blocks.0.ls1.gamma"), Has("blocks.0.mlp.w12.weight") ? GraphFeedForward.SwiGlu : GraphFeedForward.Mlp);
    }
}
