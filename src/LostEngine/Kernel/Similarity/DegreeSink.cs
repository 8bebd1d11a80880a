using System.Numerics;
using System.Runtime.CompilerServices;

namespace LostEngine.Kernel;

/// <summary>LOST's sink: adds each row's pairs to its degree. Lanes at or past N (zero keys padding the last panel) are ignored.</summary>
internal readonly unsafe struct DegreeSink(int* degrees, int n) : IPairSink
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
    }
}
