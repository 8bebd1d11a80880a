namespace LostEngine.Kernel;

/// <summary>
/// MaskCut on one image's patch keys (ncut-spec §2), on any grid: TokenCut's graph and cut, repeated for a number
/// of rounds; each round's mask is painted out (its patches get zero keys) before the next, the corners rule and the
/// drop rule decide each mask, and each object is its mask minus the objects before it. The graph is built once:
/// painting a patch only replaces its row and column by a zero key's (<see cref="BitGraph.Paint"/>), and a round
/// whose painting did not change repeats the previous cut, so it is not solved again.
/// </summary>
public static class MaskCutKernel
{
    // ncut-spec §2.6: a mask overlapping the previous one by more than half, or holding 1 % of the cells or less, is dropped.
    private const double SmallMaskFraction = 0.01;

    /// <summary>
    /// Runs MaskCut on <paramref name="keys"/> (N × <paramref name="dim"/>, row-major, CLS removed). The objects,
    /// rounds and masks are in the workspace afterwards (<see cref="NcutWorkspace.Objects"/>,
    /// <see cref="NcutWorkspace.Rounds"/>, <see cref="NcutWorkspace.RoundMask"/>). Allocates nothing once the
    /// workspace has run a call with as many rounds.
    /// </summary>
    /// <exception cref="LostInputException">The keys, sizes or parameters are inconsistent, or a key is NaN, infinite
    /// or so large that LOST's similarities could overflow float32.</exception>
    /// <exception cref="InvalidOperationException">Another call is running on <paramref name="workspace"/>.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="workspace"/> was disposed.</exception>
    public static MaskCutResult Run(ReadOnlySpan<float> keys, int dim, in MaskCutParameters parameters, NcutWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        using var call = workspace.Enter();
        parameters.Validate();
        KeyInput.Validate(keys, dim, parameters.Grid, workspace.MaxPatches, workspace.MaxDim, workspace.Width);
        var grid = parameters.Grid;
        int n = grid.PatchCount;
        int roundCount = parameters.Rounds;
        workspace.EnsureRounds(roundCount, n);
        var rounds = workspace.RoundBuffer;
        var objects = workspace.ObjectBuffer;
        var painted = workspace.PaintedBuffer(n);
        var objectMap = workspace.ObjectMapBuffer(n);
        painted.Clear();
        objectMap.Clear();

        if (n < 3)
        {
            for (int r = 0; r < roundCount; r++)
            {
                workspace.RoundMaskBuffer(r, n).Clear();
                rounds[r] = new MaskCutRound(r, NoObjectReason.TooFewPatches, -1, 0, false, false, CutSign.Irrelevant, -1, default);
            }
            workspace.Record(n, hasCut: false, roundCount, objects: 0);
            return new MaskCutResult(0, roundCount, default) { Reason = NoObjectReason.TooFewPatches };
        }

        PatchGraph.Build(keys, n, dim, parameters.Tau, workspace);
        // A painted patch's key is zero, and s = 0 is an edge only below a negative threshold.
        bool zeroIsEdge = 0f > parameters.Tau;
        bool graphChanged = true;
        bool hasCut = false;
        int objectCount = 0;
        var cut = default(RoundCut);
        for (int r = 0; r < roundCount; r++)
        {
            var mask = workspace.RoundMaskBuffer(r, n);
            if (graphChanged)
            {
                if (r > 0)
                {
                    PaintGraph(workspace, n, painted, zeroIsEdge);
                }
                cut = Cut(grid, parameters.Eps, workspace, mask);
                hasCut |= cut.Reason == NoObjectReason.None;
            }
            else
            {
                // The same graph as the round before: the same cut, so the same mask.
                workspace.RoundMaskBuffer(r - 1, n).CopyTo(mask);
            }
            bool repeated = !graphChanged;

            int maskSize = cut.MaskSize;
            bool dropped = false;
            if (r > 0 && maskSize > 0)
            {
                // The previous mask after its own drop check: empty when it was dropped or found nothing.
                bool previousKept = rounds[r - 1].MaskSize > 0 && !rounds[r - 1].Dropped;
                dropped = (previousKept && Overlaps(workspace.RoundMaskBuffer(r - 1, n), mask))
                    || (double)maskSize / grid.Rows / grid.Cols <= SmallMaskFraction;
            }
            bool kept = maskSize > 0 && !dropped;
            int objectIndex = -1;
            if (kept)
            {
                for (int i = 0; i < n; i++)
                {
                    painted[i] |= mask[i];
                }
                objectIndex = AddObject(mask, objectMap, objectCount, r, grid, objects);
                if (objectIndex >= 0)
                {
                    objectCount++;
                }
            }
            rounds[r] = new MaskCutRound(r, cut.Reason, cut.Seed, maskSize, dropped, cut.Reversed, cut.Sign, objectIndex, cut.Spectrum)
            {
                Repeated = repeated,
            };
            graphChanged = kept;
        }
        workspace.Record(n, hasCut, roundCount, objectCount);
        // Round 0 is never dropped and its mask holds its seed, so only a round 0 without a cut leaves no object
        // (and then every round repeats its graph and its reason).
        var reason = objectCount > 0 ? NoObjectReason.None : rounds[0].Reason;
        return new MaskCutResult(objectCount, roundCount, objectCount > 0 ? objects[0] : default) { Reason = reason };
    }

    private readonly record struct RoundCut(NoObjectReason Reason, int Seed, int MaskSize, bool Reversed, CutSign Sign, NcutSpectrum Spectrum);

    /// <summary>ncut-spec §2.1–2.5 on the graph now in the workspace: the cut, the corners rule, the seed and its component as the mask.</summary>
    private static RoundCut Cut(in PatchGrid grid, double eps, NcutWorkspace workspace, Span<byte> mask)
    {
        int n = grid.PatchCount;
        mask.Clear();
        var outcome = NormalizedCut.Solve(n, eps, workspace);
        if (outcome.Status != FiedlerStatus.Solved)
        {
            return new RoundCut(NoObjectReason.NoClearCut, -1, 0, false, CutSign.Irrelevant, outcome.Spectrum);
        }
        var x = workspace.EigenvectorBuffer(n);
        var partition = workspace.PartitionBuffer(n);
        Bipartition.Split(x, partition);
        int firstSeed = Bipartition.LargestMagnitude(x);
        var sign = CutSign.Irrelevant;
        int corners = Corners(partition, grid);
        int seedSideCorners = partition[firstSeed] == 1 ? corners : 4 - corners;
        if (seedSideCorners >= 3)
        {
            // With s₀'s side holding three or more corners, the rule below keeps s₀'s side for one sign of x and the
            // other side for the other sign: take the reference's sign, or failing that the corners' verdict.
            int referenceSign = NormalizedCut.ReferenceSign(n, eps, workspace, out int replayProducts);
            outcome = outcome with { Products = outcome.Products + replayProducts };
            if (referenceSign < 0)
            {
                DoubleVectorMath.Scale(x, -1);
                Bipartition.Split(x, partition);
            }
            else if (referenceSign == 0 && partition[firstSeed] == 0)
            {
                Bipartition.Flip(x, partition);
            }
            sign = referenceSign == 0 ? CutSign.CornersConvention : CutSign.Reference;
            corners = Corners(partition, grid);
        }
        // Object-centric prior: a side holding three or four corners of the grid is the background.
        bool reversed = corners >= 3 || partition[firstSeed] == 0;
        if (reversed)
        {
            Bipartition.Flip(x, partition);
        }
        int seed = Bipartition.Largest(x);
        int size = SeedComponent.Fill(new MarkedCells(partition), grid.Rows, grid.Cols, seed, workspace.ComponentBuffer(n), workspace.QueueBuffer(n), out _);
        workspace.ComponentBuffer(n).CopyTo(mask);
        return new RoundCut(NoObjectReason.None, seed, size, reversed, sign, outcome.Spectrum);
    }

    // How many of the grid's four corner cells lie in the partition.
    private static int Corners(ReadOnlySpan<byte> partition, in PatchGrid grid)
    {
        int n = grid.PatchCount;
        return partition[0] + partition[grid.Cols - 1] + partition[n - grid.Cols] + partition[n - 1];
    }

    /// <summary>Replaces the painted patches' rows and columns by a zero key's, as the reference's masked features give.</summary>
    private static unsafe void PaintGraph(NcutWorkspace workspace, int n, ReadOnlySpan<byte> painted, bool zeroIsEdge)
    {
        fixed (ulong* bits = workspace.GraphBuffer(n))
        {
            BitGraph.Paint(bits, n, painted, zeroIsEdge, workspace.PaintedColumnBuffer);
        }
    }

    /// <summary>IoU(a, b) &gt; 0.5, in integers: 2·|a ∩ b| &gt; |a ∪ b| (the reference's float32 ratio cannot round across 0.5 here).</summary>
    private static bool Overlaps(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int intersection = 0, union = 0;
        for (int i = 0; i < a.Length; i++)
        {
            intersection += a[i] & b[i];
            union += a[i] | b[i];
        }
        return union > 0 && 2 * intersection > union;
    }

    /// <summary>
    /// ncut-spec §2.8: the mask's cells not in an earlier object become object <paramref name="index"/>, boxed and
    /// clipped; returns its index, or -1 when nothing of the mask is left.
    /// </summary>
    private static int AddObject(ReadOnlySpan<byte> mask, Span<int> objectMap, int index, int round, in PatchGrid grid, Span<MaskCutObject> objects)
    {
        int cells = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0 && objectMap[i] == 0)
            {
                objectMap[i] = index + 1;
                cells++;
            }
        }
        if (cells == 0)
        {
            return -1;
        }
        var box = CellBounds.Of(new LabelledCells(objectMap, index + 1), mask.Length, grid.Cols);
        objects[index] = new MaskCutObject(round, grid.ToPixels(box), box, cells);
        return index;
    }
}
