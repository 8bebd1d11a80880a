using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>
/// One workspace called from two threads at once: each overlapping call is refused with the rule, and no call
/// returns a result other than the one it gives alone. The two threads' inputs differ in size, so a call that ran
/// over the other's buffers would fail or return a wrong box.
/// </summary>
public sealed class ConcurrentUseTests
{
    private const int CallsEach = 20_000;

    private static readonly KernelCase Small = new(9, 13, 16, 100, KeyPattern.PlantedObject, 7, 16, 9 * 16 - 5, 13 * 16);
    private static readonly KernelCase Large = new(12, 17, 16, 100, KeyPattern.PlantedObject, 11, 16, 12 * 16, 17 * 16);

    [Fact]
    public void Lost_refuses_an_overlapping_call_and_never_returns_a_wrong_box()
    {
        using var workspace = new LostWorkspace(Large.N, Large.Dim);
        float[] small = Small.Keys(), large = Large.Keys();
        ConcurrentCalls.Hammer(
            () => LostKernel.Run(small, Small.Dim, Small.Parameters, workspace),
            () => LostKernel.Run(large, Large.Dim, Large.Parameters, workspace),
            CallsEach).AssertRefusedNeverWrong();
    }

    [Fact]
    public void TokenCut_and_MaskCut_refuse_an_overlapping_call_and_never_return_a_wrong_box()
    {
        var small = NcutCase.Create(6, 7, 7, 1, NcutKeyStyle.Gaussian, 0.5, false, 3, 16, 0, 0, 0.2f);
        var large = NcutCase.Create(8, 9, 7, 1, NcutKeyStyle.Gaussian, 0.8, false, 22, 16, 0, 0, -0.1f);
        using var workspace = new NcutWorkspace(large.N, large.Dim);
        var tokenCut = small.TokenCut;
        var maskCut = large.MaskCut();
        ConcurrentCalls.Hammer<object>(
            () => TokenCutKernel.Run(small.Keys, small.Dim, tokenCut, workspace),
            () => MaskCutKernel.Run(large.Keys, large.Dim, maskCut, workspace),
            CallsEach / 10).AssertRefusedNeverWrong();
    }

    [Fact]
    public void DinoSeg_refuses_an_overlapping_call_and_never_returns_a_wrong_box()
    {
        float[] small = Attention(3, 20 * 15), large = Attention(3, 40 * 30);
        var workspace = new DinoSegWorkspace(40 * 30);
        ConcurrentCalls.Hammer(
            () => DinoSeg.Run(small, 3, 1, 15, 20, 16, false, workspace),
            () => DinoSeg.Run(large, 3, 2, 30, 40, 16, false, workspace),
            CallsEach).AssertRefusedNeverWrong();
    }

    [Fact]
    public void A_refused_call_leaves_the_workspace_serving_the_next_call()
    {
        using var workspace = new LostWorkspace(Large.N, Large.Dim);
        float[] keys = Large.Keys();
        var alone = LostKernel.Run(keys, Large.Dim, Large.Parameters, workspace);
        ConcurrentCalls.Hammer(
            () => LostKernel.Run(keys, Large.Dim, Large.Parameters, workspace),
            () => LostKernel.Run(keys, Large.Dim, Large.Parameters, workspace),
            CallsEach).AssertRefusedNeverWrong();
        Assert.Equal(alone, LostKernel.Run(keys, Large.Dim, Large.Parameters, workspace));
    }

    [Fact]
    public void A_refusal_names_the_workspace_and_the_rule()
    {
        using var workspace = new NcutWorkspace(Large.N, Large.Dim);
        float[] keys = Large.Keys();
        var parameters = new TokenCutParameters(Large.Parameters.Grid, 0.2f, 1e-5);
        var outcome = ConcurrentCalls.Hammer(
            () => TokenCutKernel.Run(keys, Large.Dim, parameters, workspace),
            () => TokenCutKernel.Run(keys, Large.Dim, parameters, workspace),
            CallsEach / 10);
        outcome.AssertRefusedNeverWrong();
        Assert.Equal("NcutWorkspace serves one call at a time; use one per thread (this call overlapped another).", outcome.Refusal);
    }

    private static float[] Attention(int heads, int n)
    {
        var attention = new float[heads * n];
        for (int i = 0; i < attention.Length; i++)
        {
            attention[i] = (i * 7919 % 1000) / 1000f;
        }
        return attention;
    }
}
