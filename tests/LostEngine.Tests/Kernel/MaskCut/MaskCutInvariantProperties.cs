using FsCheck;
using FsCheck.Fluent;
using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// What must hold of any MaskCut answer (ncut-spec §2), on grids up to 40×50 at every width and thread count:
/// every round's mask is its seed's 4-connected component; the drop rule; every object is its round's mask less the
/// earlier objects (so objects are disjoint and inside their masks), with its bounding box inside the image; at most
/// one object a round, in round order; and a second thread changes nothing.
/// </summary>
public class MaskCutInvariantProperties
{
    [NcutProperty(large: true, Cases = 20)]
    public Property Every_answer_is_consistent_and_a_second_thread_changes_nothing(NcutCase c)
    {
        int rounds = 1 + c.Seed % 4;
        var p = c.MaskCut(rounds);
        var signs = new HashSet<CutSign>();
        foreach (var width in NcutPaths.Widths)
        {
            (MaskCutRound[] Rounds, MaskCutObject[] Objects, int[] Map)? single = null;
            foreach (int threads in new[] { 1, 2 })
            {
                using var workspace = new NcutWorkspace(c.N, c.Dim, new LostKernelOptions(width, SimilarityBackend.Managed, threads));
                var result = MaskCutKernel.Run(c.Keys, c.Dim, p, workspace);
                string where = $"{width}, {threads} thread(s), {rounds} round(s), {c}";
                Holds(c, p, result, workspace, where);
                signs.UnionWith(workspace.Rounds.ToArray().Select(r => r.Sign));

                var answer = (workspace.Rounds.ToArray(), workspace.Objects.ToArray(), workspace.ObjectMap.ToArray());
                if (single is { } one)
                {
                    Assert.Equal(one.Rounds, answer.Item1);
                    Assert.Equal(one.Objects, answer.Item2);
                    Assert.Equal(one.Map, answer.Item3);
                }
                single = answer;
            }
        }
        return Prop.Classify(true, signs.Contains(CutSign.Reference), "LAPACK's sign replayed")
            .Classify(signs.Contains(CutSign.CornersConvention), "corners convention");
    }

    private static void Holds(NcutCase c, in MaskCutParameters p, MaskCutResult result, NcutWorkspace workspace, string where)
    {
        int n = c.N;
        var rounds = workspace.Rounds.ToArray();
        var objects = workspace.Objects.ToArray();
        var map = workspace.ObjectMap.ToArray();
        Assert.Equal(p.Rounds, result.RoundCount);
        Assert.Equal(p.Rounds, rounds.Length);
        Assert.Equal(objects.Length, result.ObjectCount);
        Assert.True(objects.Length <= p.Rounds, where);
        Assert.Equal(objects.Length > 0, result.HasObject);
        Assert.Equal(objects.Length > 0 ? objects[0] : default, result.FirstObject);
        Assert.Equal(
            objects.Length > 0 ? NoObjectReason.None : rounds[0].Reason,
            result.Reason);
        // Round 0 is never dropped and its mask holds its seed: a first cut always leaves an object.
        Assert.Equal(rounds[0].Reason == NoObjectReason.None, objects.Length > 0);

        var covered = new bool[n];
        var previousKept = new bool[n];
        for (int r = 0; r < rounds.Length; r++)
        {
            var round = rounds[r];
            string at = $"round {r}, {where}";
            var mask = workspace.RoundMask(r).ToArray().Select(b => b != 0).ToArray();
            Assert.Equal(r, round.Round);
            Assert.Equal(mask.Count(b => b), round.MaskSize);
            if (round.Reason != NoObjectReason.None)
            {
                Assert.Equal(NoObjectReason.NoClearCut, round.Reason);
                Assert.True(round.MaskSize == 0 && round.Seed == -1 && round.ObjectIndex == -1 && !round.Dropped, $"{round}: {at}");
                previousKept = new bool[n];
                continue;
            }
            Assert.True(round.Spectrum.Eigengap > FiedlerSolver.DegenerateGap, $"{round}: {at}");
            Assert.True(mask[round.Seed], $"seed {round.Seed} outside its mask: {at}");
            Assert.Equal(mask, ReferenceNcut.Component(mask, c.Rows, c.Cols, round.Seed));

            int intersection = Enumerable.Range(0, n).Count(i => mask[i] && previousKept[i]);
            int union = Enumerable.Range(0, n).Count(i => mask[i] || previousKept[i]);
            bool shouldDrop = r > 0 && (2 * intersection > union || round.MaskSize <= 0.01 * n);
            Assert.True(shouldDrop == round.Dropped, $"dropped {round.Dropped}, IoU {intersection}/{union}, size {round.MaskSize} of {n}: {at}");
            previousKept = round.Dropped ? new bool[n] : mask;
            if (round.Dropped)
            {
                Assert.Equal(-1, round.ObjectIndex);
                continue;
            }

            // The object is what the mask adds to the earlier objects; a mask that adds nothing makes none.
            var added = Enumerable.Range(0, n).Where(i => mask[i] && !covered[i]).ToArray();
            foreach (int i in added)
            {
                covered[i] = true;
            }
            if (added.Length == 0)
            {
                Assert.Equal(-1, round.ObjectIndex);
                continue;
            }
            Assert.InRange(round.ObjectIndex, 0, objects.Length - 1);
            var obj = objects[round.ObjectIndex];
            Assert.Equal(r, obj.Round);
            Assert.Equal(added, Enumerable.Range(0, n).Where(i => map[i] == round.ObjectIndex + 1));
            Assert.Equal(added.Length, obj.CellCount);
            var cells = ReferenceLost.BoundingBox(Enumerable.Range(0, n).Select(i => map[i] == round.ObjectIndex + 1).ToArray(), c.Cols);
            Assert.Equal(cells, obj.BoxPatches);
            NcutInvariants.BoxIsInTheImage(obj.Box, cells, p.Grid, at);
        }
        // The last cut stays readable: its x (D-normalised), its partition (holding the seed) and its mask.
        if (rounds.All(r => r.Reason == NoObjectReason.None))
        {
            var x = workspace.Eigenvector.ToArray();
            var partition = workspace.Partition.ToArray().Select(b => b != 0).ToArray();
            NcutInvariants.EigenvectorIsNormalised(x, workspace.Degrees.ToArray(), where);
            NcutInvariants.PartitionIsAtTheMean(x, partition, where);
            Assert.True(partition[rounds[^1].Seed], $"the last seed is outside the last partition: {where}");
            Assert.Equal(workspace.RoundMask(rounds.Length - 1).ToArray(), workspace.Component.ToArray());
        }

        // Every cell of an object came from a kept mask, and objects come in round order.
        Assert.Equal(covered, map.Select(v => v != 0));
        Assert.Equal(objects.Select(o => o.Round).Order(), objects.Select(o => o.Round));
        Assert.Equal(objects.Length, rounds.Count(r => r.ObjectIndex >= 0));
    }
}
