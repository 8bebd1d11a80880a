namespace LostEngine.Cli.Bench;

/// <summary>The keys a benchmark times its method on, with the grid they belong to.</summary>
/// <param name="Values">N × d keys, row-major, CLS removed.</param>
/// <param name="Rows">Rows of the patch grid.</param>
/// <param name="Cols">Columns of the patch grid.</param>
/// <param name="Dim">Key width d.</param>
/// <param name="Source">Where they came from, for the report: the file, or the kind of synthetic keys and their seed ("2 objects, seed 517").</param>
internal sealed record BenchKeys(float[] Values, int Rows, int Cols, int Dim, string Source)
{
    /// <summary>Pixels per grid cell for the boxes the methods report: ViT-S/16's patch.</summary>
    public const int PatchSize = 16;

    /// <summary>Patches N = rows · cols.</summary>
    public int N => Rows * Cols;
}
