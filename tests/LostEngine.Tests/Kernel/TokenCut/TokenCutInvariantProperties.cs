using FsCheck;
using FsCheck.Fluent;
using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// What must hold of any TokenCut answer (ncut-spec §1), checked on grids up to 40×50 at every width and thread
/// count, where the dense reference would be too slow: the seed in its partition, the partition at the mean, the
/// component and boxes, a D-normalised eigenvector orthogonal to D·1, degrees that count edges; and the same answer
/// on every path (tau is clear of every similarity, so every path builds the same graph).
/// </summary>
public class TokenCutInvariantProperties
{
    [NcutProperty(large: true, Cases = 25)]
    public Property Every_answer_is_consistent_and_every_path_agrees(NcutCase c)
    {
        bool widthsCompared = false;
        TokenCutResult? first = null;
        double[] firstX = [], firstDegrees = [];
        byte[] firstPartition = [], firstComponent = [];
        foreach (var options in NcutPaths.All)
        {
            using var workspace = new NcutWorkspace(c.N, c.Dim, options);
            var result = TokenCutKernel.Run(c.Keys, c.Dim, c.TokenCut, workspace);
            string where = $"{options.Width}, {options.Threads} thread(s), {c}";
            Assert.True(result.HasObject || result.Reason == NoObjectReason.NoClearCut, $"{result.Reason}: {where}");
            var degrees = workspace.Degrees.ToArray();
            NcutInvariants.DegreesCountEdges(degrees, c.N, c.TokenCut.Eps, where);
            if (result.HasObject)
            {
                Holds(c, result, workspace, where);
            }
            else
            {
                Assert.Equal(-1, result.Seed);
                Assert.Equal(default, result.Box);
                Assert.True(workspace.Eigenvector.IsEmpty, where);
            }

            var x = workspace.Eigenvector.ToArray();
            if (first is not { } earlier)
            {
                (first, firstX, firstDegrees) = (result, x, degrees);
                (firstPartition, firstComponent) = (workspace.Partition.ToArray(), workspace.Component.ToArray());
                continue;
            }
            // The same graph on every path: the degrees are equal to the last bit, and a degenerate spectrum (an
            // exact multiplicity, of the graph's structure) is degenerate on every path.
            Assert.Equal(firstDegrees, degrees);
            Assert.Equal(earlier.Reason, result.Reason);
            if (options.Width == NcutPaths.Widths[0])
            {
                // A second thread only shares the pair pass, whose bits are exact: nothing else may change.
                Assert.Equal(earlier, result);
                Assert.Equal(firstX, x);
            }
            else if (earlier.HasObject && NcutInvariants.ClearlySplit(firstX, earlier.Seed))
            {
                widthsCompared = true;
                // Another width rounds the solver's sums differently: the decisions must not move.
                Assert.Equal(earlier.Seed, result.Seed);
                Assert.Equal(firstPartition, workspace.Partition.ToArray());
                Assert.Equal(firstComponent, workspace.Component.ToArray());
                Assert.Equal(earlier.Box, result.Box);
                NcutAssert.Close(earlier.NcutValue, result.NcutValue, 1e-12, $"λ₂: {where}");
            }
        }
        return Prop.Classify(true, first!.Value.HasObject, "has an object").Classify(widthsCompared, "widths compared");
    }

    private static void Holds(NcutCase c, TokenCutResult result, NcutWorkspace workspace, string where)
    {
        var x = workspace.Eigenvector.ToArray();
        var partition = workspace.Partition.ToArray().Select(b => b != 0).ToArray();
        NcutInvariants.EigenvectorIsNormalised(x, workspace.Degrees.ToArray(), where);
        NcutInvariants.PartitionIsAtTheMean(x, partition, where);
        Assert.True(result.NcutValue >= -1e-12 && result.NcutValue <= 2, $"λ₂ = {result.NcutValue}: {where}");
        Assert.True(result.Eigengap > FiedlerSolver.DegenerateGap, $"gap {result.Eigengap}: {where}");

        // The seed: the lowest index among the largest |x|, on the partition's side.
        int seed = result.Seed;
        double largest = x.Max(Math.Abs);
        Assert.True(Math.Abs(x[seed]) >= largest * (1 - Bipartition.TieTolerance), $"|x[{seed}]| = {Math.Abs(x[seed])} < {largest}: {where}");
        Assert.DoesNotContain(Enumerable.Range(0, seed), i => Math.Abs(x[i]) >= largest * (1 - Bipartition.TieTolerance));
        Assert.True(partition[seed], $"seed {seed} outside the partition: {where}");
        Assert.True(x[seed] > 0, $"x[seed] = {x[seed]}: the orientation puts the seed on the positive side: {where}");
        Assert.Equal(partition.Count(b => b), result.PartitionSize);

        var component = ReferenceNcut.Component(partition, c.Rows, c.Cols, seed);
        Assert.Equal(NcutAssert.Bytes(component), workspace.Component.ToArray());
        Assert.Equal(component.Count(b => b), result.ComponentSize);
        var cells = ReferenceLost.BoundingBox(component, c.Cols);
        Assert.Equal(cells, result.BoxPatches);
        NcutInvariants.BoxIsInTheImage(result.Box, cells, c.TokenCut.Grid, where);
    }
}
