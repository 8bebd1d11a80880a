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

    private static readonly NcutCase Case = NcutCase.Create(8, 9, 7, 1, NcutKeyStyle.Gaussian, 0.8, false, 22, 16, 0, 0, -0.1f);

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
        Assert.Equal([CutSign.Irrelevant, CutSign.Reference, CutSign.CornersConvention], workspace.Rounds.ToArray().Select(r => r.Sign));
        Assert.Equal(0, Allocations.OnCallingThread(masks, Calls));
        Assert.Equal(0, Allocations.OnAnyThread(masks, Calls));
    }

    [Fact]
    public void A_warm_pass_whose_caller_waits_for_a_worker_allocates_nothing()
    {
        // The pass's code warmed on another instance: the workers' code is shared, their events are not.
        using (var other = new PassWorkers(2))
        {
            Allocations.WarmUp(() => other.Run(new SleepingJob(0, 0)));
        }
        using var workers = new PassWorkers(2);
        // Calls where the caller's share outlasts the worker's: the caller never waits for an unfinished pass.
        var callerSlow = new SleepingJob(callerMilliseconds: 50, workerMilliseconds: 0);
        workers.Run(callerSlow);
        workers.Run(callerSlow);
        // Then one where the worker is late, as under load: the caller blocks on the pass's end.
        var workerSlow = new SleepingJob(callerMilliseconds: 0, workerMilliseconds: 30);
        Assert.Equal(0, Allocations.OnCallingThread(() => workers.Run(workerSlow), 1));
    }

    private sealed class SleepingJob(int callerMilliseconds, int workerMilliseconds) : IWorkerJob
    {
        public void Run(int thread) => Thread.Sleep(thread == 0 ? callerMilliseconds : workerMilliseconds);
    }
}
