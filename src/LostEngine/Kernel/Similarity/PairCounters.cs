using System.Diagnostics;

namespace LostEngine.Kernel;

/// <summary>
/// The one place a pair pass picks its code: the counter of the request's kind, specialised for the request's
/// sink (degrees only, or degrees and graph bits). The calling thread and the workers both come here for each
/// share of rows; nothing here knows about threads.
/// </summary>
internal static unsafe class PairCounters
{
    /// <summary>
    /// The pairs (i, j &gt; i), i in [<paramref name="rowStart"/>, <paramref name="rowEnd"/>), above the request's
    /// threshold: counted into <paramref name="degrees"/> (both ends; a thread's own array) and, for a graph, stored
    /// as row i's bits. <paramref name="scratch"/> is the thread's own, <see cref="PairCounterSelector.ScratchLength"/> long.
    /// </summary>
    public static void CountRows(in PairRequest request, int rowStart, int rowEnd, int* degrees, Span<float> scratch)
    {
        if (request.GraphBits is null)
        {
            Debug.Assert(request.Threshold >= 0, "A degree-only pass with a negative threshold would count its padding lanes.");
            var sink = new DegreeSink(degrees);
            CountRows(request, rowStart, rowEnd, degrees, scratch, ref sink);
        }
        else
        {
            var sink = new GraphRowSink(degrees, request.GraphBits, request.GraphWordsPerRow, request.N);
            CountRows(request, rowStart, rowEnd, degrees, scratch, ref sink);
        }
    }

    private static void CountRows<TSink>(in PairRequest r, int rowStart, int rowEnd, int* degrees, Span<float> scratch, ref TSink sink)
        where TSink : struct, IPairSink
    {
        switch (r.Kind)
        {
            case PairCounterKind.Vector512:
                PanelPairCounter<Vector512Tile8x32>.CountRows(r.Keys, r.N, r.Dim, rowStart, rowEnd, r.Threshold, degrees, r.Panels, ref sink);
                break;
            case PairCounterKind.Vector256:
                PanelPairCounter<Vector256Tile6x16>.CountRows(r.Keys, r.N, r.Dim, rowStart, rowEnd, r.Threshold, degrees, r.Panels, ref sink);
                break;
            case PairCounterKind.Cblas:
                CblasPairCounter.CountRows(r.Keys, r.N, r.Dim, rowStart, rowEnd, r.Threshold, degrees, scratch, ref sink);
                break;
            case PairCounterKind.Scalar:
                ScalarPairCounter.CountRows(r.Keys, r.N, r.Dim, rowStart, rowEnd, r.Threshold, degrees, ref sink);
                break;
            default:
                throw new InvalidOperationException($"Unknown pair counter {r.Kind}.");
        }
    }
}
