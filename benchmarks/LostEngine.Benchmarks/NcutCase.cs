namespace LostEngine.Benchmarks;

/// <summary>One grid and key width for <see cref="NcutBenchmarks"/>; its text is what BenchmarkDotNet shows and filters on.</summary>
/// <param name="Rows">Rows of the patch grid.</param>
/// <param name="Cols">Columns of the patch grid.</param>
/// <param name="Dim">Key width d.</param>
public sealed record NcutCase(int Rows, int Cols, int Dim)
{
    /// <summary>Patches N = rows · cols.</summary>
    public int N => Rows * Cols;

    /// <inheritdoc />
    public override string ToString() => $"N{N}-{Rows}x{Cols}-d{Dim}";
}
