using LostEngine.Imaging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LostEngine.Tests.Import;

/// <summary>Runs an ONNX model on a PNG, preprocessed as the engine does, and returns every output by name.</summary>
internal static class ModelRunner
{
    public static Dictionary<string, (int[] Shape, float[] Values)> Run(string modelPath, string imagePath, int patch)
    {
        var decoder = new ImageDecoder();
        var decoded = decoder.DecodeFile(imagePath);
        int height = ImagePreprocessor.PaddedSize(decoded.Height, patch);
        int width = ImagePreprocessor.PaddedSize(decoded.Width, patch);
        var pixels = new float[3 * height * width];
        ImagePreprocessor.Preprocess(decoder.Pixels, decoded.Width, decoded.Height, decoded.Stride, decoded.Format, pixels, height, width);
        using var session = new InferenceSession(modelPath);
        var input = new DenseTensor<float>(pixels, [1, 3, height, width]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("pixel_values", input)]);
        return results.ToDictionary(r => r.Name, r =>
        {
            var tensor = r.AsTensor<float>();
            return (tensor.Dimensions.ToArray(), tensor.ToArray());
        });
    }
}
