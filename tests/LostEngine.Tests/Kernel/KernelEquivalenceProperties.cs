using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// Every width and thread count against the plain reference, on random grids and integer keys, where the
/// answer is exact: degrees, potentials, seed, similars, expansion map, component and box must be equal.
/// </summary>
public class KernelEquivalenceProperties
{
    private static readonly int[] ThreadCounts = [1, 2, 3];

    [KernelProperty(KernelWidth.Scalar, MaxTest = 15)]
    public void Scalar_matches_the_reference(KernelCase c) => MatchesReference(c, KernelWidth.Scalar);

    [KernelProperty(KernelWidth.Vector256, MaxTest = 30)]
    public void Vector256_matches_the_reference(KernelCase c) => MatchesReference(c, KernelWidth.Vector256);

    [KernelProperty(KernelWidth.Vector512, MaxTest = 30)]
    public void Vector512_matches_the_reference(KernelCase c) => MatchesReference(c, KernelWidth.Vector512);

    [CblasProperty(MaxTest = 25)]
    public void Cblas_matches_the_reference(KernelCase c) => MatchesReference(c, KernelWidth.Auto, SimilarityBackend.Cblas);

    private static void MatchesReference(KernelCase c, KernelWidth width, SimilarityBackend backend = SimilarityBackend.Managed)
    {
        var keys = c.Keys();
        var expected = ReferenceLost.Run(keys, c.Dim, c.Parameters);
        foreach (int threads in ThreadCounts)
        {
            // A workspace larger than the call checks that nothing depends on the buffers' full length.
            using var workspace = new LostWorkspace(c.N + 7, c.Dim + 5, new LostKernelOptions(width, backend, threads));
            var result = LostKernel.Run(keys, c.Dim, c.Parameters, workspace);
            string where = $"{width}/{backend}, {threads} thread(s), {c}";

            Assert.True(expected.Degrees.AsSpan().SequenceEqual(workspace.Degrees), $"degrees differ: {where}");
            Assert.Equal(expected.Seed, result.Seed);
            Assert.Equal(expected.Potentials, workspace.Potentials.ToArray());
            Assert.Equal(expected.Similars, workspace.Similars.ToArray());
            Assert.Equal(expected.Similars.Length, result.SimilarCount);
            Assert.Equal(expected.ExpansionMap.Select(v => (float)v).ToArray(), workspace.ExpansionMap.ToArray());
            Assert.Equal(expected.HasObject, result.HasObject);
            if (expected.HasObject)
            {
                Assert.Equal(expected.Component.Select(b => (byte)(b ? 1 : 0)).ToArray(), workspace.Component.ToArray());
                Assert.Equal(expected.Component.Count(b => b), result.ComponentSize);
                Assert.Equal(expected.Cells, result.BoxPatches);
                Assert.Equal(expected.Box, result.Box);
            }
            else
            {
                Assert.Equal(NoObjectReason.SeedInBackground, result.Reason);
            }
        }
    }
}
