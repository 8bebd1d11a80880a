namespace LostEngine.Kernel;

/// <summary>
/// Spec step 2: the degree of every patch, without materialising the N×N similarity matrix. Packs the keys
/// into the counter's panels once, then counts on the calling thread alone or with the workspace's workers.
/// </summary>
internal static class DegreePass
{
    public static void Run(ReadOnlySpan<float> keys, int n, int dim, LostWorkspace workspace)
    {
        var kind = workspace.CounterKind;
        int panelWidth = DegreeCounterSelector.PanelWidth(kind);
        var panels = workspace.PanelBuffer(n, dim, panelWidth);
        var degrees = workspace.DegreeBuffer(n);
        degrees.Clear();
        // A grid of one turn or less would only wake the workers to find nothing left to take.
        if (workspace.Workers is { } workers && n > DegreeWorkers.RowsPerTurn)
        {
            workers.Count(kind, keys, n, dim, panelWidth, panels, degrees, workspace.ScratchBuffer);
        }
        else
        {
            if (panelWidth > 0)
            {
                KeyPanels.Pack(keys, n, dim, panelWidth, panels);
            }
            CountRows(kind, keys, n, dim, 0, n, degrees, panels, workspace.ScratchBuffer);
        }
    }

    /// <summary>
    /// One share of the pass: the pairs of rows [rowStart, rowEnd), added to <paramref name="degrees"/>.
    /// <paramref name="scratch"/> is the calling thread's own, <see cref="DegreeCounterSelector.ScratchLength"/> long.
    /// </summary>
    public static void CountRows(DegreeCounterKind kind, ReadOnlySpan<float> keys, int n, int dim, int rowStart, int rowEnd,
        Span<int> degrees, ReadOnlySpan<float> panels, Span<float> scratch)
    {
        switch (kind)
        {
            case DegreeCounterKind.Vector512:
                PanelDegreeCounter<Vector512Tile8x32>.CountRows(keys, n, dim, rowStart, rowEnd, degrees, panels);
                break;
            case DegreeCounterKind.Vector256:
                PanelDegreeCounter<Vector256Tile6x16>.CountRows(keys, n, dim, rowStart, rowEnd, degrees, panels);
                break;
            case DegreeCounterKind.Cblas:
                CblasDegreeCounter.CountRows(keys, n, dim, rowStart, rowEnd, degrees, scratch);
                break;
            case DegreeCounterKind.Scalar:
                ScalarDegreeCounter.CountRows(keys, n, dim, rowStart, rowEnd, degrees);
                break;
            default:
                throw new InvalidOperationException($"Unknown degree counter {kind}.");
        }
    }
}
