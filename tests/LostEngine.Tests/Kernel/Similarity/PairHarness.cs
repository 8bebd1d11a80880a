using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>What a pair pass found: degrees (both ends of every pair) and, for a graph, the upper triangle's bits.</summary>
internal sealed record PairCounts(int[] Degrees, ulong[] Bits);

/// <summary>
/// Runs one pair counter on spans, through the same dispatch the workspaces use (<see cref="PairCounters"/>), in as
/// many shares of rows as asked, and computes the obvious answer to compare it with.
/// </summary>
internal static unsafe class PairHarness
{
    public static PairCounts Count(PairCounterKind kind, float[] keys, int n, int dim, float threshold, bool graph, params int[] splits)
    {
        int panelWidth = PairCounterSelector.PanelWidth(kind);
        var panels = new float[Math.Max(1, panelWidth == 0 ? 0 : KeyPanels.Length(n, dim, panelWidth))];
        if (panelWidth > 0)
        {
            KeyPanels.Pack(keys, n, dim, panelWidth, panels);
        }
        var degrees = new int[n];
        int words = BitGraph.WordsPerRow(n);
        var bits = new ulong[Math.Max(1, n * words)];
        var scratch = new float[PairCounterSelector.ScratchLength(kind, dim)];
        var bounds = new[] { 0 }.Concat(splits).Append(n).ToArray();
        fixed (float* k = keys)
        fixed (float* p = panels)
        fixed (int* d = degrees)
        fixed (ulong* b = bits)
        {
            var request = new PairRequest(kind, k, panelWidth > 0 ? p : null, n, dim, threshold, graph ? b : null, words);
            for (int share = 0; share + 1 < bounds.Length; share++)
            {
                PairCounters.CountRows(request, bounds[share], bounds[share + 1], d, scratch);
            }
        }
        return new PairCounts(degrees, graph ? bits[..(n * words)] : []);
    }

    /// <summary>Every pair (i, j ≠ i) with keys_i · keys_j &gt; threshold, summed in double (exact for small integer keys).</summary>
    public static PairCounts Reference(float[] keys, int n, int dim, float threshold)
    {
        int words = BitGraph.WordsPerRow(n);
        var degrees = new int[n];
        var bits = new ulong[n * words];
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double s = 0;
                for (int t = 0; t < dim; t++)
                {
                    s += (double)keys[i * dim + t] * keys[j * dim + t];
                }
                if (s > threshold)
                {
                    degrees[i]++;
                    degrees[j]++;
                    bits[i * words + (j >> 6)] |= 1UL << (j & 63);
                }
            }
        }
        return new PairCounts(degrees, bits);
    }

    /// <summary>Small integers stored as float32: every product and sum is exact, so any correct count agrees.</summary>
    public static float[] IntegerKeys(Random random, int n, int dim)
    {
        var keys = new float[n * dim];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = random.Next(-4, 5);
        }
        return keys;
    }
}
