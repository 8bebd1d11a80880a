namespace LostEngine.Model;

/// <summary>
/// The ONNX model file does not follow the contract the engine runs: a missing input or output, a wrong element
/// type or rank, missing or malformed <c>lostengine.*</c> metadata, or a file ONNX Runtime cannot load.
/// </summary>
public sealed class ModelFormatException : LostInputException
{
    /// <summary>Creates the error for the model at <paramref name="modelPath"/>.</summary>
    public ModelFormatException(string modelPath, string problem, Exception? inner = null)
        : base($"model '{modelPath}'", problem, inner ?? new FormatException(problem))
    {
        ModelPath = modelPath;
    }

    /// <summary>The model file that is wrong.</summary>
    public string ModelPath { get; }
}
