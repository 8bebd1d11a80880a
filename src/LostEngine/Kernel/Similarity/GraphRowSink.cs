using System.Numerics;
using System.Runtime.CompilerServices;

namespace LostEngine.Kernel;

/// <summary>
/// TokenCut's sink: counts each row's edges into its degree, like <see cref="DegreeSink"/>, and stores them as the
/// row's bits in the upper triangle of the graph (<see cref="BitGraph"/>: bit j of row i, 64 to a word). Each
/// (row, panel) word is written by the one thread that owns the row, with a store of exactly the panel's width,
/// so threads never share a word. Lanes at or past N are cleared: with a negative threshold the zero keys that
/// pad the last panel would otherwise be edges.
/// </summary>
internal readonly unsafe struct GraphRowSink(int* degrees, ulong* bits, int wordsPerRow, int n) : IPairSink
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Row(int row, int j0, uint lanes, int width)
    {
        if (j0 + width > n)
        {
            lanes &= (1u << (n - j0)) - 1;
        }
        degrees[row] += BitOperations.PopCount(lanes);
        byte* rowBits = (byte*)(bits + (nint)row * wordsPerRow);
        // The width is a constant of the calling tile, so only one of these stores remains after inlining.
        if (width == 32)
        {
            *(uint*)(rowBits + (j0 >> 3)) = lanes;
        }
        else if (width == 16)
        {
            *(ushort*)(rowBits + (j0 >> 3)) = (ushort)lanes;
        }
        else
        {
            rowBits[j0 >> 3] = (byte)lanes;
        }
    }
}
