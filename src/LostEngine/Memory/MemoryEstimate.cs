using System.Numerics;
using LostEngine.Imaging;
using LostEngine.Model;
using LostEngine.Pipeline;

namespace LostEngine.Memory;

/// <summary>
/// The memory one image needs to run, in bytes, from the model's metadata and the padded size, before anything is
/// allocated. The attention dominates: every layer computes heads × T² scores for T = patches + prefix (CLS and registers) tokens, 4 bytes
/// each, and ONNX Runtime holds a layer's scores and their softmax at once (it reuses them for the next layer), so
/// <c>2 × heads × T² × 4</c>. The rest: one block's activations (q, k, v, the attention output, the MLP's 4d
/// hidden layer and the residual, about 12 × T × d floats), the input, the bound outputs, and the kernel's
/// workspace (TokenCut's and MaskCut's bit graph and its copy, N²/8 bytes each, and their Lanczos vectors). With the
/// model on a device (CUDA, TensorRT) the attention and the activations are in device memory, not in the process's:
/// only the rest is counted.
/// </summary>
internal static class MemoryEstimate
{
    // A ViT-S or ViT-B head is 64 wide: a model that does not say its head count is taken to have heads that wide.
    private const int AssumedHeadWidth = 64;
    private const int BlockActivations = 12;
    private const int LanczosVectors = 2 * 256;

    /// <summary>Bytes to run <paramref name="method"/> on a padded <paramref name="paddedHeight"/> × <paramref name="paddedWidth"/> image; saturates at <see cref="long.MaxValue"/>.</summary>
    public static long Bytes(ModelInfo info, ModelOutputs outputs, LocalizationMethod method, int paddedHeight, int paddedWidth, bool modelOnHost = true)
    {
        Int128 patches = (Int128)(paddedHeight / info.PatchSize) * (paddedWidth / info.PatchSize);
        Int128 dim = info.EmbedDim;
        Int128 kernel = method.IsNormalizedCut()
            ? 2 * ((patches + 63) / 64) * patches * sizeof(ulong) + LanczosVectors * patches * sizeof(double) + 2 * patches * dim * sizeof(float)
            : 2 * patches * dim * sizeof(float) + 16 * patches * sizeof(int);
        return Saturate(Model(info, outputs, paddedHeight, paddedWidth, modelOnHost) + kernel);
    }

    /// <summary>
    /// Bytes to run the model alone on a <paramref name="height"/> × <paramref name="width"/> input, the attention,
    /// activations, input and bound outputs of <see cref="Bytes"/> without a kernel's workspace. The sides need not
    /// be whole patches: the patch embedding drops the remainder; saturates at <see cref="long.MaxValue"/>.
    /// </summary>
    public static long ModelBytes(ModelInfo info, ModelOutputs outputs, long height, long width, bool modelOnHost = true)
        => Saturate(Model(info, outputs, height, width, modelOnHost));

    private static Int128 Model(ModelInfo info, ModelOutputs outputs, long height, long width, bool modelOnHost)
    {
        Int128 patches = (Int128)(height / info.PatchSize) * (width / info.PatchSize);
        Int128 tokens = patches + info.PrefixTokens;
        Int128 heads = info.NumHeads > 0 ? info.NumHeads : Math.Max(1, info.EmbedDim / AssumedHeadWidth);
        Int128 dim = info.EmbedDim;
        Int128 attention = 2 * heads * tokens * tokens * sizeof(float);
        Int128 block = BlockActivations * tokens * dim * sizeof(float);
        Int128 input = (Int128)3 * height * width * sizeof(float);
        int features = BitOperations.PopCount((uint)(outputs & ~ModelOutputs.ClsAttention));
        Int128 bound = features * tokens * dim * sizeof(float)
            + ((outputs & ModelOutputs.ClsAttention) != 0 ? heads * patches * sizeof(float) : 0);
        return (modelOnHost ? attention + block : 0) + input + bound;
    }

    private static long Saturate(Int128 bytes) => bytes > long.MaxValue ? long.MaxValue : (long)bytes;

    /// <summary>
    /// The largest max side, a multiple of the patch size, at which a <paramref name="width"/> × <paramref name="height"/>
    /// image fits in <paramref name="budget"/> bytes; null when not even one patch does.
    /// </summary>
    public static int? LargestSideWithin(ModelInfo info, ModelOutputs outputs, LocalizationMethod method, int width, int height, long budget, bool modelOnHost = true)
    {
        int patch = info.PatchSize;
        int low = 0, high = Math.Max(width, height) / patch;
        while (low < high)
        {
            int middle = low + (high - low + 1) / 2;
            var (w, h) = ImageDownscaler.TargetSize(width, height, middle * patch);
            long needed = Bytes(info, outputs, method, ImagePreprocessor.PaddedSize(h, patch), ImagePreprocessor.PaddedSize(w, patch), modelOnHost);
            if (needed <= budget)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        return low == 0 ? null : low * patch;
    }
}
