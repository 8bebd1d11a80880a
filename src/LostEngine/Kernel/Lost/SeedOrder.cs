namespace LostEngine.Kernel;

/// <summary>
/// Spec steps 3–4: patches by degree ascending, ties to the lowest index (a stable order), of which the
/// first k are the potentials and the first is the seed. Degrees lie in [0, N), so a counting sort is
/// exact, linear and needs only the workspace's histogram.
/// </summary>
internal static class SeedOrder
{
    /// <summary>Writes the first <paramref name="potentials"/>.Length patches of the order; returns the seed.</summary>
    public static int SelectPotentials(ReadOnlySpan<int> degrees, Span<int> histogram, Span<int> potentials)
    {
        int n = degrees.Length;
        histogram = histogram[..(n + 1)];
        histogram.Clear();
        foreach (int degree in degrees)
        {
            histogram[degree + 1]++;
        }
        // histogram[d] becomes the position of the first patch of degree d in the full order.
        for (int d = 1; d <= n; d++)
        {
            histogram[d] += histogram[d - 1];
        }
        int k = potentials.Length;
        for (int i = 0; i < n; i++)
        {
            int position = histogram[degrees[i]]++;
            if (position < k)
            {
                potentials[position] = i;
            }
        }
        return potentials[0];
    }
}
