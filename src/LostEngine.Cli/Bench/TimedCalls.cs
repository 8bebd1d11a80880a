using System.Diagnostics;

namespace LostEngine.Cli.Bench;

/// <summary>How many calls a benchmark times, and how many it makes first without timing them.</summary>
/// <param name="Runs">Timed calls, at least 1.</param>
/// <param name="Warmup">Untimed calls first, at least this many and at least <see cref="TimedCalls.WarmupTime"/> of them.</param>
internal readonly record struct TimingPlan(int Runs, int Warmup);

/// <summary>The one timing loop of the <c>lost bench</c> commands: warm up, time each call, sort.</summary>
internal static class TimedCalls
{
    /// <summary>
    /// Tiered compilation replaces the first code of a hot method only after some calls and a background
    /// compile, so a fixed handful of warm-up calls can time tier-0 code; a second of calls cannot.
    /// </summary>
    public static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(1);

    /// <summary>Makes the warm-up calls, then times <see cref="TimingPlan.Runs"/> calls of <paramref name="call"/> one by one.</summary>
    public static CallTiming Measure(TimingPlan plan, Action call)
    {
        long warmupStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < plan.Warmup || Stopwatch.GetElapsedTime(warmupStart) < WarmupTime; i++)
        {
            call();
        }

        var ticks = new long[plan.Runs];
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < ticks.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            call();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Array.Sort(ticks);
        int middle = ticks.Length / 2;
        double median = ticks.Length % 2 == 1 ? ticks[middle] : (ticks[middle - 1] + ticks[middle]) / 2.0;
        double p90 = ticks[(int)Math.Ceiling(0.9 * ticks.Length) - 1];
        return new CallTiming(ToMs(median), ToMs(ticks[0]), ToMs(p90), allocated / plan.Runs);
    }

    private static double ToMs(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
