using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// A warm TokenCut or MaskCut call allocates nothing, on the calling thread or on the workers, at every width and
/// with one or two threads. The case has N = 72 (more than one turn of the pair pass, so a second thread takes part)
/// and its MaskCut rounds take every path of the corners rule, the same at every width: a sign that does not matter,
/// the corners convention where the replay of LAPACK's sign cannot tell, and LAPACK's sign replayed.
/// </summary>
[Collection(nameof(AllocationCollection))]
public class NcutAllocationTests
{
    private const int Calls = 10;

    private static readonly NcutCase Case = NcutCase.Create(8, 9, 7, 1, NcutKeyStyle.Gaussian, 0.8, false, 78, 16, 0, 0, -0.1f);

    public static TheoryData<KernelWidth, int> Paths() => NcutDegenerateInputTests.Paths();

    [Theory]
    [MemberData(nameof(Paths))]
    public void Warm_tokencut_and_maskcut_calls_allocate_nothing(KernelWidth width, int threads)
    {
        var c = Case;
        var tokenCut = c.TokenCut;
        var maskCut = c.MaskCut();
        using var workspace = new NcutWorkspace(c.N, c.Dim, new LostKernelOptions(width, SimilarityBackend.Managed, threads));
        Action cut = () => TokenCutKernel.Run(c.Keys, c.Dim, tokenCut, workspace);
        Action masks = () => MaskCutKernel.Run(c.Keys, c.Dim, maskCut, workspace);
        // One warm-up for both: each call's own methods are promoted, and the pauses are paid once.
        Allocations.WarmUp(() =>
        {
            cut();
            masks();
        });

        Assert.True(TokenCutKernel.Run(c.Keys, c.Dim, tokenCut, workspace).HasObject);
        Assert.Equal(0, Allocations.OnCallingThread(cut, Calls));
        Assert.Equal(0, Allocations.OnAnyThread(cut, Calls));

        masks();
        Assert.Equal([CutSign.Irrelevant, CutSign.CornersConvention, CutSign.Reference], workspace.Rounds.ToArray().Select(r => r.Sign));
        Assert.Equal(0, Allocations.OnCallingThread(masks, Calls));
        Assert.Equal(0, Allocations.OnAnyThread(masks, Calls));
    }
}
