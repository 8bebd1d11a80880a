namespace LostEngine.Pipeline;

/// <summary>Wall time of each stage of one localisation, in milliseconds (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
/// <param name="DecodeMs">Reading and decoding the file (0 for a frame handed in as pixels).</param>
/// <param name="PreprocessMs">Normalising and padding into the model's input, including finding the binding.</param>
/// <param name="ModelMs">The ONNX Runtime run.</param>
/// <param name="KernelMs">The method (LOST, TokenCut, MaskCut or DINO-seg) on the outputs.</param>
public readonly record struct StageTimings(double DecodeMs, double PreprocessMs, double ModelMs, double KernelMs)
{
    /// <summary>All stages together.</summary>
    public double TotalMs => DecodeMs + PreprocessMs + ModelMs + KernelMs;

    internal static double Milliseconds(long from, long to) => (to - from) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
}
