namespace LostEngine.Clustering.Features.Resize;

/// <summary>
/// The output size of torchvision's <c>Resize(256)</c> (an int size: the shorter side becomes it): the shorter side
/// is the width when width ≤ height, and the longer side becomes <c>int(256 · long / short)</c>, Python's true
/// division (correctly rounded double) truncated toward zero.
/// </summary>
internal static class ShortSideResize
{
    /// <summary>The shorter side of every crop after the resize, as cluster_for_OD.py asks for it.</summary>
    public const int ShortSide = 256;

    /// <summary>The (height, width) a <paramref name="height"/> × <paramref name="width"/> crop is resized to; the long side as a long, since a thin crop's can pass <see cref="int.MaxValue"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A side is not positive.</exception>
    public static (long Height, long Width) Target(int height, int width, int shortSide = ShortSide)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(shortSide, 1);
        bool widthIsShort = width <= height;
        int shorter = widthIsShort ? width : height, longer = widthIsShort ? height : width;
        // Both operands are exact in double (below 2^53), so the quotient is Python's, rounded once.
        long newLong = (long)((double)((long)shortSide * longer) / shorter);
        return widthIsShort ? (newLong, shortSide) : (shortSide, newLong);
    }
}
