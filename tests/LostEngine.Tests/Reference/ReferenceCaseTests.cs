using LostEngine.Kernel;

namespace LostEngine.Tests.Reference;

/// <summary>
/// The kernel against every case of the shared reference folder, for every SIMD width this CPU runs and
/// one and two threads: exact cases match every output, real-valued ones everything but degrees exactly.
/// </summary>
public sealed class ReferenceCaseTests
{
    /// <summary>Placeholder row where the folder is absent, so the (skipped) theory still has data.</summary>
    public const string NoCases = "(reference cases absent)";

    public static TheoryData<string, KernelWidth, SimilarityBackend, int> Cases()
    {
        var data = new TheoryData<string, KernelWidth, SimilarityBackend, int>();
        if (ReferenceCaseFolder.CaseNames.Count == 0)
        {
            data.Add(NoCases, KernelWidth.Scalar, SimilarityBackend.Managed, 1);
            return data;
        }
        var widths = new[] { KernelWidth.Scalar, KernelWidth.Vector256, KernelWidth.Vector512 }.Where(KernelWidthSelector.IsSupported);
        foreach (string name in ReferenceCaseFolder.CaseNames)
        {
            foreach (var width in widths)
            {
                data.Add(name, width, SimilarityBackend.Managed, 1);
                data.Add(name, width, SimilarityBackend.Managed, 2);
            }
            // The CBLAS backend where a library loads; where none does, its workspace refuses to be built and
            // the backend's own tests say so as skipped (Native/BlasFactAttribute).
            if (Native.BlasProbe.SharedSkipReason is null)
            {
                data.Add(name, KernelWidth.Auto, SimilarityBackend.Cblas, 1);
                data.Add(name, KernelWidth.Auto, SimilarityBackend.Cblas, 2);
            }
        }
        return data;
    }

    [ReferenceTheory]
    [MemberData(nameof(Cases))]
    public void Kernel_matches_reference(string caseName, KernelWidth width, SimilarityBackend backend, int threads)
    {
        var reference = ReferenceCase.Load(caseName);
        var (keys, dim) = reference.ReadKeys();
        using var workspace = new LostWorkspace(reference.Rows * reference.Cols, dim, new LostKernelOptions(width, backend, threads));

        var result = LostKernel.Run(keys, dim, reference.Parameters, workspace);

        if (reference.Expected is null)
        {
            Assert.False(result.HasObject, $"{caseName}: the reference found the seed in the background ({reference.ExpectedError}), the kernel found a box.");
            Assert.Equal(NoObjectReason.SeedInBackground, result.Reason);
            return;
        }
        var expected = reference.Expected;
        Assert.True(result.HasObject, $"{caseName}: no object ({result.Reason}).");
        Assert.Equal(expected.Seed, result.Seed);
        Assert.Equal(expected.Similars, workspace.Similars.ToArray());
        Assert.Equal(expected.Component, ComponentCells(workspace.Component));
        Assert.Equal(expected.Box, new[] { result.Box.X1, result.Box.Y1, result.Box.X2, result.Box.Y2 });
        Assert.Equal(expected.BoxPatches, new[] { result.BoxPatches.YMin, result.BoxPatches.XMin, result.BoxPatches.YMax, result.BoxPatches.XMax });
        Assert.Equal(expected.Component.Length, result.ComponentSize);
        reference.AssertDegrees(workspace.Degrees);
    }

    private static int[] ComponentCells(ReadOnlySpan<byte> component)
    {
        var cells = new List<int>();
        for (int i = 0; i < component.Length; i++)
        {
            if (component[i] != 0)
            {
                cells.Add(i);
            }
        }
        return cells.ToArray();
    }
}
