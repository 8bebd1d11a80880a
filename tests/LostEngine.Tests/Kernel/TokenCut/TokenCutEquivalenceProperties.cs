using FsCheck;
using FsCheck.Fluent;
using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// TokenCut at every width this CPU runs, one and two threads, against the dense float64 reference
/// (<see cref="ReferenceNcut"/>) on planted keys: partition, component and boxes exact, the seed one of the
/// reference's ties, the degrees, λ₂ and the oriented eigenvector within rounding. Cases too close to call are
/// rejected (and counted by FsCheck: too many and the property fails).
/// </summary>
public class TokenCutEquivalenceProperties
{
    [NcutProperty(Cases = 60)]
    public Property TokenCut_matches_the_dense_reference(NcutCase c)
    {
        var expected = ReferenceNcut.TokenCut(c.Keys, c.Dim, c.TokenCut)!;
        return Prop.When(expected.Cut.Ambiguity is null, () =>
        {
            foreach (var options in NcutPaths.All)
            {
                using var workspace = new NcutWorkspace(c.N + 7, c.Dim + 5, options);
                var result = TokenCutKernel.Run(c.Keys, c.Dim, c.TokenCut, workspace);
                string where = $"{options.Width}, {options.Threads} thread(s), {c}";

                Assert.True(result.HasObject, $"{result.Reason}: {where}");
                NcutAssert.SameCut(expected.Cut, result.Seed, result.Spectrum, workspace, where);
                Assert.Equal(NcutAssert.Bytes(expected.Component), workspace.Component.ToArray());
                Assert.Equal(expected.Component.Count(b => b), result.ComponentSize);
                Assert.Equal(expected.Cut.Partition.Count(b => b), result.PartitionSize);
                Assert.Equal(expected.Cells, result.BoxPatches);
                Assert.Equal(expected.Box, result.Box);
                NcutAssert.Close(expected.Cut.Lambda2, result.NcutValue, 1e-9, $"λ₂: {where}");
            }
        });
    }
}
