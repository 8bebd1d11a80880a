using LostEngine.Kernel;

namespace LostEngine.Tests.Reference;

/// <summary>
/// TokenCut and MaskCut against every case the official code made (ncut-spec §4), for every SIMD width this CPU
/// runs, one and two threads, and the CBLAS backend where a library loads: partition, component and box exact, the
/// seed one of the candidates, the eigenvector within the case's tolerance of its largest entry, objects exact.
/// </summary>
public sealed class NcutReferenceCaseTests
{
    public static TheoryData<string, KernelWidth, SimilarityBackend, int> Cases()
    {
        var data = new TheoryData<string, KernelWidth, SimilarityBackend, int>();
        if (NcutReferenceCase.Names.Count == 0)
        {
            data.Add(ReferenceCaseTests.NoCases, KernelWidth.Scalar, SimilarityBackend.Managed, 1);
            return data;
        }
        var widths = new[] { KernelWidth.Scalar, KernelWidth.Vector256, KernelWidth.Vector512 }.Where(KernelWidthSelector.IsSupported);
        foreach (string name in NcutReferenceCase.Names)
        {
            foreach (var width in widths)
            {
                data.Add(name, width, SimilarityBackend.Managed, 1);
                data.Add(name, width, SimilarityBackend.Managed, 2);
            }
            if (Native.BlasProbe.SharedSkipReason is null)
            {
                data.Add(name, KernelWidth.Auto, SimilarityBackend.Cblas, 2);
            }
        }
        return data;
    }

    [NcutReferenceTheory]
    [MemberData(nameof(Cases))]
    public void Kernel_matches_the_official_code(string caseName, KernelWidth width, SimilarityBackend backend, int threads)
    {
        var reference = NcutReferenceCase.Load(caseName);
        var (keys, dim) = reference.ReadKeys();
        using var workspace = new NcutWorkspace(reference.Grid.PatchCount, dim, new LostKernelOptions(width, backend, threads));
        if (reference.TokenCut is { } expected)
        {
            var result = TokenCutKernel.Run(keys, dim, reference.TokenCutParameters, workspace);
            Assert.True(result.HasObject, result.ReasonText);
            Assert.Contains(result.Seed, expected.SeedCandidates);
            Assert.Equal(expected.Partition, Cells(workspace.Partition));
            Assert.Equal(expected.Component, Cells(workspace.Component));
            var box = result.Box;
            Assert.Equal(expected.Box, new[] { box.X1, box.Y1, box.X2, box.Y2 });
            double largest = expected.Eigenvector.Max(Math.Abs);
            var x = workspace.Eigenvector;
            for (int i = 0; i < x.Length; i++)
            {
                Assert.True(Math.Abs(x[i] - expected.Eigenvector[i]) <= reference.EigenvectorTolerance * largest,
                    $"eigenvector[{i}] = {x[i]}, expected {expected.Eigenvector[i]} within {reference.EigenvectorTolerance} of {largest}");
            }
        }
        else
        {
            var rounds = reference.MaskCut!;
            var result = MaskCutKernel.Run(keys, dim, reference.MaskCutParameters, workspace);
            Assert.Equal(rounds.Length, result.RoundCount);
            var objects = workspace.Objects.ToArray();
            var map = workspace.ObjectMap.ToArray();
            for (int r = 0; r < rounds.Length; r++)
            {
                var round = workspace.Rounds[r];
                if (rounds[r].Cells.Length == 0)
                {
                    Assert.True(round.ObjectIndex < 0, $"round {r} found an object; the reference found none");
                    continue;
                }
                Assert.True(round.ObjectIndex >= 0, $"round {r} found no object ({round.Reason}, dropped: {round.Dropped}); the reference found {rounds[r].Cells.Length} cells");
                var found = objects[round.ObjectIndex];
                Assert.Equal(r, found.Round);
                Assert.Equal(rounds[r].Cells, Enumerable.Range(0, map.Length).Where(i => map[i] == round.ObjectIndex + 1).ToArray());
                Assert.Equal(rounds[r].Box, new[] { found.Box.X1, found.Box.Y1, found.Box.X2, found.Box.Y2 });
            }
        }
    }

    private static int[] Cells(ReadOnlySpan<byte> marks)
    {
        var cells = new List<int>();
        for (int i = 0; i < marks.Length; i++)
        {
            if (marks[i] != 0)
            {
                cells.Add(i);
            }
        }
        return cells.ToArray();
    }
}
