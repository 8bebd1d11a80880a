using LostEngine.Kernel;

namespace LostEngine.Benchmarks;

/// <summary>One kernel shape and SIMD width; its text is what BenchmarkDotNet shows and filters on.</summary>
/// <param name="N">Patches.</param>
/// <param name="Dim">Key width d.</param>
/// <param name="Width">SIMD width of the managed kernel.</param>
public sealed record KernelCase(int N, int Dim, KernelWidth Width)
{
    /// <summary>FLOPs of one call by the speed targets' convention: N·(N+1)·d.</summary>
    public double Flop => (double)N * (N + 1) * Dim;

    /// <inheritdoc />
    public override string ToString() => $"N{N}-d{Dim}-{Width switch
    {
        KernelWidth.Scalar => "scalar",
        KernelWidth.Vector256 => "v256",
        KernelWidth.Vector512 => "v512",
        _ => Width.ToString(),
    }}";
}
