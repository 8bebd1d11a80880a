namespace LostEngine.Tests;

/// <summary>What two threads calling one object at once saw.</summary>
/// <param name="Calls">Calls made, both threads together.</param>
/// <param name="Refusals">Calls refused with <see cref="InvalidOperationException"/> because the other thread's call was in flight.</param>
/// <param name="WrongResults">Calls that returned, but not what the same call returns alone.</param>
/// <param name="OtherErrors">Anything else a call threw.</param>
/// <param name="Refusal">The message of one refusal, when there was one.</param>
public sealed record ConcurrentOutcome(int Calls, int Refusals, IReadOnlyList<string> WrongResults, IReadOnlyList<Exception> OtherErrors, string? Refusal)
{
    /// <summary>Asserts that overlapping calls were refused, and that every call that ran returned its own right result.</summary>
    public void AssertRefusedNeverWrong()
    {
        Assert.True(OtherErrors.Count == 0, $"{OtherErrors.Count} of {Calls} calls threw something else, first: {OtherErrors.FirstOrDefault()}");
        Assert.True(WrongResults.Count == 0, $"{WrongResults.Count} of {Calls} calls returned a wrong result, first: {WrongResults.FirstOrDefault()}");
        Assert.True(Refusals > 0, $"no call of {Calls} was refused, though two threads made them on one object");
    }
}

/// <summary>
/// Two threads hammering one object that serves one call at a time, each with its own input, the result of each
/// call checked against the one the same call gives alone. They stop once enough calls overlapped, or after a
/// number of calls: overlaps are near certain (a thread preempted inside a call is overlapped by the other), but
/// no test waits on a clock.
/// </summary>
public static class ConcurrentCalls
{
    private const int RefusalsWanted = 20;

    /// <summary>What a refusal says: the rule the caller broke.</summary>
    public const string RuleText = "serves one call at a time; use one per thread";

    /// <summary>Runs <paramref name="first"/> on one thread and <paramref name="second"/> on another, at most <paramref name="callsEach"/> times each.</summary>
    public static ConcurrentOutcome Hammer<T>(Func<T> first, Func<T> second, int callsEach)
    {
        // Each call alone first, on this thread: the results every later call must equal.
        var expected = new[] { first(), second() };
        var calls = new[] { first, second };
        int made = 0, refusals = 0;
        string? refusal = null;
        var wrong = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var start = new Barrier(2);
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < callsEach && Volatile.Read(ref refusals) < RefusalsWanted; i++)
            {
                Interlocked.Increment(ref made);
                try
                {
                    var result = calls[t]();
                    if (!EqualityComparer<T>.Default.Equals(result, expected[t]))
                    {
                        wrong.Enqueue($"thread {t}: {result}, alone {expected[t]}");
                    }
                }
                catch (InvalidOperationException e) when (e.Message.Contains(RuleText, StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref refusals);
                    Interlocked.CompareExchange(ref refusal, e.Message, null);
                }
                catch (Exception e)
                {
                    errors.Enqueue(e);
                }
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }
        foreach (var thread in threads)
        {
            thread.Join();
        }
        return new ConcurrentOutcome(made, refusals, [.. wrong], [.. errors], refusal);
    }
}
