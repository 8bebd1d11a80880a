using FsCheck;
using FsCheck.Fluent;
using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// MaskCut at every width this CPU runs, one and two threads, against the dense float64 reference
/// (<see cref="ReferenceNcut.MaskCut"/>), round by round: seed, mask, drop, λ₂, whether the sign decided the round,
/// then every object's cells and boxes, and after the last round the eigenvector, partition and degrees.
/// <para>
/// Where the seed's side holds three or more corners the eigenvector's sign decides the round, and the spec leaves
/// that sign to LAPACK, which no dense reference here reproduces. The reference then takes the side the kernel took,
/// after checking that the kernel saw the same (its round's <see cref="CutSign"/> is not Irrelevant) and, under
/// <see cref="CutSign.CornersConvention"/>, that it took the side with fewer corners; every later round is still
/// compared. The reference stops at the first round too close to call; a case whose first round is too close to call is rejected.
/// </para>
/// </summary>
public class MaskCutEquivalenceProperties
{
    [NcutProperty(Cases = 60)]
    public Property MaskCut_matches_the_dense_reference(NcutCase c)
    {
        var p = c.MaskCut();
        var references = new References(c, p);
        ReferenceMaskCut probed;
        using (var probe = new NcutWorkspace(c.N, c.Dim, NcutPaths.All[0]))
        {
            MaskCutKernel.Run(c.Keys, c.Dim, p, probe);
            probed = references.For(probe, $"probe, {c}");
        }
        return Prop.When(probed.Rounds.Count > 0, () =>
        {
            foreach (var options in NcutPaths.All)
            {
                using var workspace = new NcutWorkspace(c.N + 7, c.Dim + 5, options);
                var result = MaskCutKernel.Run(c.Keys, c.Dim, p, workspace);
                string where = $"{options.Width}, {options.Threads} thread(s), {c}";
                Compare(references.For(workspace, where), result, workspace, p, where);
            }
        }).Classify(probed.Rounds.Any(r => r.SignDecides), "the sign decided a round")
            .Collect($"{probed.Rounds.Count} round(s) compared");
    }

    /// <summary>
    /// The reference for the side a kernel run took in each round its sign decided: one already made with the same
    /// choices (every path, normally), or a new one, so the O(N³) reference runs once for all paths that agree.
    /// </summary>
    private sealed class References(NcutCase c, MaskCutParameters p)
    {
        private readonly List<(ReferenceMaskCut Reference, List<(int Round, ReferenceCut Cut, bool SeedSide)> Choices)> _made = [];

        public ReferenceMaskCut For(NcutWorkspace workspace, string where)
        {
            foreach (var (reference, choices) in _made)
            {
                if (choices.All(choice => SideTaken(workspace.Rounds[choice.Round], choice.Cut, where) == choice.SeedSide))
                {
                    return reference;
                }
            }
            var choicesMade = new List<(int, ReferenceCut, bool)>();
            var made = ReferenceNcut.MaskCut(c.Keys, c.Dim, p, (r, cut) =>
            {
                bool seedSide = SideTaken(workspace.Rounds[r], cut, where);
                choicesMade.Add((r, cut, seedSide));
                return seedSide;
            });
            _made.Add((made, choicesMade));
            return made;
        }
    }

    /// <summary>Whether the kernel's round took the seed's side, checking that the sign decided it there too.</summary>
    private static bool SideTaken(MaskCutRound round, ReferenceCut cut, string where)
    {
        Assert.True(round.Sign != CutSign.Irrelevant, $"round {round.Round}: the seed's side holds three corners, but the kernel calls the sign irrelevant: {where}");
        Assert.Equal(NoObjectReason.None, round.Reason);
        bool seedSide = cut.Partition[round.Seed] == cut.Partition[cut.Seed];
        // The convention takes the side with fewer corners: never the seed's, which holds three or more.
        Assert.False(round.Sign == CutSign.CornersConvention && seedSide, $"round {round.Round}: corners convention kept the seed's side: {where}");
        return seedSide;
    }

    private static void Compare(ReferenceMaskCut expected, MaskCutResult result, NcutWorkspace workspace, in MaskCutParameters p, string where)
    {
        Assert.Equal(p.Rounds, result.RoundCount);
        var map = workspace.ObjectMap.ToArray();
        var objects = workspace.Objects;
        foreach (var round in expected.Rounds)
        {
            var actual = workspace.Rounds[round.Round];
            string at = $"round {round.Round}, {where}";
            Assert.True(actual.Reason == NoObjectReason.None, $"{actual.Reason}: {at}");
            Assert.Equal(round.SignDecides, actual.Sign != CutSign.Irrelevant);
            Assert.True(round.Cut.SeedCandidates.Contains(actual.Seed), $"seed {actual.Seed} is not one of [{string.Join(", ", round.Cut.SeedCandidates)}]: {at}");
            Assert.Equal(NcutAssert.Bytes(round.Mask), workspace.RoundMask(round.Round).ToArray());
            Assert.Equal(round.Mask.Count(b => b), actual.MaskSize);
            Assert.Equal(round.Dropped, actual.Dropped);
            NcutAssert.Close(round.Cut.Lambda2, actual.Spectrum.Lambda2, 1e-9, $"λ₂: {at}");
            var found = expected.Objects.SingleOrDefault(o => o.Round == round.Round);
            if (found is null)
            {
                Assert.Equal(-1, actual.ObjectIndex);
                continue;
            }
            Assert.True(actual.ObjectIndex >= 0, $"no object: {at}");
            var obj = objects[actual.ObjectIndex];
            Assert.Equal(round.Round, obj.Round);
            Assert.Equal(found.Cells.Select((inside, i) => inside ? i : -1).Where(i => i >= 0), Enumerable.Range(0, map.Length).Where(i => map[i] == actual.ObjectIndex + 1));
            Assert.Equal(found.Cells.Count(b => b), obj.CellCount);
            Assert.Equal(found.BoxPatches, obj.BoxPatches);
            Assert.Equal(found.Box, obj.Box);
        }
        if (expected.StoppedBecause is not null)
        {
            return;
        }
        Assert.Equal(expected.Objects.Count, result.ObjectCount);
        Assert.Equal(NoObjectReason.None, result.Reason);
        Assert.Equal(objects[0], result.FirstObject);
        var last = expected.Rounds[^1];
        NcutAssert.SameCut(last.Cut, workspace.Rounds[^1].Seed, workspace.Rounds[^1].Spectrum, workspace, $"last round, {where}");
    }
}
