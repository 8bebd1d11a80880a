using LostEngine.Kernel;

namespace LostEngine.Diagnostics;

/// <summary>Keys made by <see cref="SyntheticKeys.WithObjects"/> together with where its objects were planted.</summary>
/// <param name="Rows">Rows of the patch grid.</param>
/// <param name="Cols">Columns of the patch grid.</param>
/// <param name="Dim">Key width d.</param>
/// <param name="Keys">N × d keys, row-major, N = rows · cols.</param>
/// <param name="Objects">Each planted object's cells, <c>[ymin, xmin, ymax, xmax]</c>, maxima exclusive.</param>
public sealed record SyntheticScene(int Rows, int Cols, int Dim, float[] Keys, IReadOnlyList<CellBox> Objects);
