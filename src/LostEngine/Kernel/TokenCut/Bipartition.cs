namespace LostEngine.Kernel;

/// <summary>
/// ncut-spec §1.5–1.7 (and §2.2–2.4): the partition at the eigenvector's mean, the seeds, and the flip. Seeds break
/// ties to the lowest index among entries within <see cref="TieTolerance"/> (relative) of the largest: patches with
/// identical graph rows have equal entries in exact arithmetic, and the solver makes them equal in floating point too.
/// The partition treats entries within the same tolerance of the mean as equal to it (so outside P, and inside its
/// complement after a flip, as numpy's logical_not has it): symmetric graphs give whole groups of entries exactly at
/// the mean, which rounding would otherwise scatter to either side, differently at every width and thread count.
/// The reference scatters them by its own rounding; the engine keeps the exact-arithmetic answer.
/// </summary>
internal static class Bipartition
{
    /// <summary>Entries this close (relative) to the largest count as tied with it.</summary>
    public const double TieTolerance = 1e-9;

    /// <summary>P = { i : x_i &gt; mean(x) }, 1 in <paramref name="partition"/>; returns |P|.</summary>
    public static int Split(ReadOnlySpan<double> x, Span<byte> partition)
    {
        double sum = 0, largest = 0;
        foreach (double value in x)
        {
            sum += value;
            largest = Math.Max(largest, Math.Abs(value));
        }
        double mean = sum / x.Length;
        double above = mean + TieTolerance * largest;
        int size = 0;
        for (int i = 0; i < x.Length; i++)
        {
            bool inside = x[i] > above;
            partition[i] = inside ? (byte)1 : (byte)0;
            size += inside ? 1 : 0;
        }
        return size;
    }

    /// <summary>TokenCut's seed and MaskCut's s₀: the lowest index whose |x_i| ties with the largest |x|.</summary>
    public static int LargestMagnitude(ReadOnlySpan<double> x)
    {
        double largest = 0;
        foreach (double value in x)
        {
            largest = Math.Max(largest, Math.Abs(value));
        }
        double floor = largest * (1 - TieTolerance);
        for (int i = 0; i < x.Length; i++)
        {
            if (Math.Abs(x[i]) >= floor)
            {
                return i;
            }
        }
        return 0;
    }

    /// <summary>MaskCut's seed after the flip: the lowest index whose x_i ties with the largest x (no absolute value).</summary>
    public static int Largest(ReadOnlySpan<double> x)
    {
        double largest = double.NegativeInfinity;
        foreach (double value in x)
        {
            largest = Math.Max(largest, value);
        }
        double floor = largest - TieTolerance * Math.Abs(largest);
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] >= floor)
            {
                return i;
            }
        }
        return 0;
    }

    /// <summary>x ← −x and P ← its complement (ties at the mean go to the complement, as numpy's logical_not); returns |P|.</summary>
    public static int Flip(Span<double> x, Span<byte> partition)
    {
        int size = 0;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = -x[i];
            partition[i] ^= 1;
            size += partition[i];
        }
        return size;
    }
}
