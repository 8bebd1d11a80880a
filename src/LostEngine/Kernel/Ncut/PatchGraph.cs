namespace LostEngine.Kernel;

/// <summary>The graph's shape as the eigensolver needs it: how many rows repeat, and the first repeated pair.</summary>
internal readonly record struct GraphRepeats(int DuplicateRows, int First, int Second);

/// <summary>
/// ncut-spec §1.1–1.4 up to the eigensolver: the normalized keys, the binary graph <c>B = [s &gt; tau]</c> from the
/// shared pair pass (the upper triangle, then mirrored, then the diagonal), the degrees
/// <c>d_i = Σ_j A(i, j) = eps·N + (1 − eps)·|B_i|</c>, and the row hashes the solver draws its start vectors from.
/// </summary>
internal static unsafe class PatchGraph
{
    /// <summary>Builds B for the keys into the workspace's graph; its degrees come from <see cref="Measure"/>.</summary>
    public static void Build(ReadOnlySpan<float> keys, int n, int dim, float tau, NcutWorkspace workspace)
    {
        var normalized = workspace.NormalizedBuffer(n, dim);
        KeyNormalization.Normalize(keys, n, dim, normalized, workspace.Width);
        var graph = workspace.GraphBuffer(n);
        graph.Clear();
        int words = BitGraph.WordsPerRow(n);
        // No cosine similarity is above 1, so at tau = 1 the graph has no edge; the pass would only find the
        // pairs of equal keys whose rounded similarity came out a hair above 1.
        if (tau < 1f)
        {
            workspace.Pass.Run(normalized, n, dim, tau, workspace.EdgeCountBuffer(n), graph, words);
        }
        fixed (ulong* bits = graph)
        {
            BitGraph.Symmetrize(bits, n);
            // The diagonal is s(i, i) = 1 for a non-zero key and 0 for a zero one, exactly (spec §1.2), not the
            // rounded f_i · f_i, which can land either side of a tau of 1.
            for (int i = 0; i < n; i++)
            {
                var f = normalized.Slice(i * dim, dim);
                float self = VectorMath.SumOfSquares(f, workspace.Width) > 0 ? 1f : 0f;
                BitGraph.SetDiagonal(bits, words, i, self > tau);
            }
        }
    }

    /// <summary>
    /// The degrees and D^-½ of the graph now in the workspace, its row hashes, and which rows repeat (sorted by
    /// hash, then compared word by word, so a hash collision never merges two different rows).
    /// </summary>
    public static GraphRepeats Measure(int n, double eps, NcutWorkspace workspace)
    {
        int words = BitGraph.WordsPerRow(n);
        var degrees = workspace.DegreeBuffer(n);
        var invSqrt = workspace.InvSqrtBuffer(n);
        var hashes = workspace.RowHashBuffer(n);
        var sorted = workspace.SortedHashBuffer(n);
        var order = workspace.HashOrderBuffer(n);
        fixed (ulong* bits = workspace.GraphBuffer(n))
        {
            for (int i = 0; i < n; i++)
            {
                // Summed like the reference's row of ones and eps: exact for the count, one rounding for eps.
                int edges = BitGraph.RowCount(bits, words, i);
                degrees[i] = edges + eps * (n - edges);
                invSqrt[i] = 1 / Math.Sqrt(degrees[i]);
                hashes[i] = BitGraph.RowHash(bits, words, i, 0);
                sorted[i] = hashes[i];
                order[i] = i;
            }
            sorted.Sort(order);
            int duplicates = 0, first = -1, second = -1;
            for (int start = 0; start < n;)
            {
                int end = start + 1;
                while (end < n && sorted[end] == sorted[start])
                {
                    end++;
                }
                // Within a run of equal hashes, a row repeats when it equals an earlier row of the run.
                for (int a = start + 1; a < end; a++)
                {
                    for (int b = start; b < a; b++)
                    {
                        if (BitGraph.RowsEqual(bits, words, order[a], order[b]))
                        {
                            duplicates++;
                            if (first < 0)
                            {
                                first = Math.Min(order[a], order[b]);
                                second = Math.Max(order[a], order[b]);
                            }
                            break;
                        }
                    }
                }
                start = end;
            }
            return new GraphRepeats(duplicates, first, second);
        }
    }
}
