using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LostEngine.Model;

/// <summary>
/// The ONNX signature the engine runs (written by <c>src/export/export_dino_onnx.py</c> and the importer): input
/// <c>pixel_values</c> float32 [1, 3, H, W]; outputs <c>q</c>, <c>k</c>, <c>v</c> float32 [1, P+N, d] (the P prefix
/// tokens, CLS then any registers, before the N patches), <c>cls_attention</c> float32 [1, heads, N] (the CLS query's
/// attention to the patches, its softmax taken over every token) and <c>cls_embedding</c> float32 [1, d] (the CLS
/// token after the final norm); metadata <c>lostengine.patch_size</c> (required), <c>lostengine.embed_dim</c>,
/// <c>lostengine.num_heads</c>, <c>lostengine.prefix_tokens</c> (P, 1 when absent), <c>lostengine.arch</c>.
/// </summary>
public static class ModelContract
{
    /// <summary>The image input.</summary>
    public const string InputName = "pixel_values";
    /// <summary>Queries output.</summary>
    public const string QueriesOutput = "q";
    /// <summary>Keys output.</summary>
    public const string KeysOutput = "k";
    /// <summary>Values output.</summary>
    public const string ValuesOutput = "v";
    /// <summary>Last block's attention of the CLS query to the patches.</summary>
    public const string AttentionOutput = "cls_attention";
    /// <summary>The CLS token after the last block and the final norm, [1, d]; optional.</summary>
    public const string ClsEmbeddingOutput = "cls_embedding";
    /// <summary>Metadata key of the patch size.</summary>
    public const string PatchSizeKey = "lostengine.patch_size";
    /// <summary>Metadata key of the embedding width.</summary>
    public const string EmbedDimKey = "lostengine.embed_dim";
    /// <summary>Metadata key of the head count.</summary>
    public const string NumHeadsKey = "lostengine.num_heads";
    /// <summary>Metadata key of the number of tokens before the patches (CLS and registers).</summary>
    public const string PrefixTokensKey = "lostengine.prefix_tokens";
    /// <summary>Metadata key of the architecture label.</summary>
    public const string ArchKey = "lostengine.arch";

    // DINOv2 has 1 + 4; the bound keeps a corrupt value from sizing the bound outputs.
    private const int MaxPrefixTokens = 1 + 256;

    /// <summary>The output name of each single <see cref="ModelOutputs"/> flag.</summary>
    public static string OutputName(ModelOutputs output) => output switch
    {
        ModelOutputs.Q => QueriesOutput,
        ModelOutputs.K => KeysOutput,
        ModelOutputs.V => ValuesOutput,
        ModelOutputs.ClsAttention => AttentionOutput,
        _ => throw new ArgumentOutOfRangeException(nameof(output), output, "Expected exactly one output flag."),
    };

    /// <summary>Every single output flag, in the model's output order.</summary>
    public static IReadOnlyList<ModelOutputs> EachOutput { get; } = [ModelOutputs.Q, ModelOutputs.K, ModelOutputs.V, ModelOutputs.ClsAttention];

    /// <summary>Checks the signature and metadata of a loaded session and returns what they say.</summary>
    /// <exception cref="ModelFormatException">Something is missing or has the wrong type, rank or value.</exception>
    public static ModelInfo Read(string path, InferenceSession session)
    {
        CheckInput(path, session.InputMetadata);
        var outputs = ModelOutputs.None;
        int staticDim = 0, staticHeads = 0;
        foreach (var flag in EachOutput)
        {
            string name = OutputName(flag);
            if (!session.OutputMetadata.TryGetValue(name, out var meta))
            {
                continue;
            }
            CheckFloatTensor(path, "output", name, meta, rank: 3,
                flag == ModelOutputs.ClsAttention ? "[1, heads, N]" : "[1, P+N, d]");
            outputs |= flag;
            if (flag == ModelOutputs.ClsAttention)
            {
                staticHeads = Math.Max(staticHeads, meta.Dimensions[1]);
            }
            else
            {
                staticDim = Math.Max(staticDim, meta.Dimensions[2]);
            }
        }
        if (outputs == ModelOutputs.None)
        {
            throw new ModelFormatException(path,
                $"has none of the outputs q, k, v, cls_attention (it has: {string.Join(", ", session.OutputMetadata.Keys)}).");
        }
        var metadata = session.ModelMetadata.CustomMetadataMap;
        int patchSize = ReadPositive(path, metadata, PatchSizeKey)
            ?? throw new ModelFormatException(path, $"has no '{PatchSizeKey}' metadata; export it with src/export/export_dino_onnx.py.");
        int embedDim = ReadPositive(path, metadata, EmbedDimKey) ?? staticDim;
        if (embedDim < 1)
        {
            throw new ModelFormatException(path, $"has no '{EmbedDimKey}' metadata and its feature outputs have no static width.");
        }
        if (staticDim > 0 && staticDim != embedDim)
        {
            throw new ModelFormatException(path, $"'{EmbedDimKey}' says {embedDim}, but its feature outputs are {staticDim} wide.");
        }
        int heads = ReadPositive(path, metadata, NumHeadsKey) ?? Math.Max(staticHeads, 0);
        if (staticHeads > 0 && staticHeads != heads)
        {
            throw new ModelFormatException(path, $"'{NumHeadsKey}' says {heads}, but cls_attention has {staticHeads} heads.");
        }
        if (session.OutputMetadata.TryGetValue(ClsEmbeddingOutput, out var embedding))
        {
            CheckFloatTensor(path, "output", ClsEmbeddingOutput, embedding, rank: 2, "[1, d]");
            if (embedding.Dimensions[1] > 0 && embedding.Dimensions[1] != embedDim)
            {
                throw new ModelFormatException(path, $"'{EmbedDimKey}' says {embedDim}, but {ClsEmbeddingOutput} is {embedding.Dimensions[1]} wide.");
            }
        }
        int prefixTokens = ReadPositive(path, metadata, PrefixTokensKey) ?? 1;
        if (prefixTokens > MaxPrefixTokens)
        {
            throw new ModelFormatException(path, $"metadata '{PrefixTokensKey}' is {prefixTokens}; at most {MaxPrefixTokens} tokens (CLS and registers) may precede the patches.");
        }
        string arch = metadata.TryGetValue(ArchKey, out var a) ? a : "";
        return new ModelInfo(path, patchSize, embedDim, heads, arch, outputs, prefixTokens);
    }

    /// <summary>Throws unless the model has every output in <paramref name="needed"/>.</summary>
    /// <exception cref="ModelFormatException">An output is missing.</exception>
    public static void Require(ModelInfo info, ModelOutputs needed)
    {
        foreach (var flag in EachOutput)
        {
            if ((needed & flag) != 0 && (info.Outputs & flag) == 0)
            {
                throw new ModelFormatException(info.Path, $"has no output '{OutputName(flag)}', which the chosen method needs.");
            }
        }
    }

    private static void CheckInput(string path, IReadOnlyDictionary<string, NodeMetadata> inputs)
    {
        if (!inputs.TryGetValue(InputName, out var meta))
        {
            throw new ModelFormatException(path, $"has no input '{InputName}' (it has: {string.Join(", ", inputs.Keys)}).");
        }
        CheckFloatTensor(path, "input", InputName, meta, rank: 4, "[1, 3, H, W]");
        if (meta.Dimensions[1] is not (3 or -1))
        {
            throw new ModelFormatException(path, $"input '{InputName}' has {meta.Dimensions[1]} channels; expected 3 (RGB).");
        }
        if (inputs.Count != 1)
        {
            throw new ModelFormatException(path, $"has {inputs.Count} inputs ({string.Join(", ", inputs.Keys)}); expected only '{InputName}'.");
        }
    }

    private static void CheckFloatTensor(string path, string role, string name, NodeMetadata meta, int rank, string shape)
    {
        if (!meta.IsTensor || meta.ElementDataType != TensorElementType.Float)
        {
            string type = meta.IsTensor ? meta.ElementDataType.ToString() : meta.OnnxValueType.ToString();
            throw new ModelFormatException(path, $"{role} '{name}' is {type}; expected a float32 tensor {shape}.");
        }
        if (meta.Dimensions.Length != rank)
        {
            throw new ModelFormatException(path, $"{role} '{name}' has rank {meta.Dimensions.Length}; expected {rank}, {shape}.");
        }
        if (meta.Dimensions[0] is not (1 or -1))
        {
            throw new ModelFormatException(path, $"{role} '{name}' has batch {meta.Dimensions[0]}; expected 1.");
        }
    }

    private static int? ReadPositive(string path, IReadOnlyDictionary<string, string> metadata, string key)
    {
        if (!metadata.TryGetValue(key, out var text))
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
        {
            throw new ModelFormatException(path, $"metadata '{key}' is '{text}'; expected a positive integer.");
        }
        return value;
    }
}
