using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LostEngine.Kernel;

namespace LostEngine.Diagnostics;

/// <summary>What <see cref="FmaPeakProbe.Measure"/> found.</summary>
/// <param name="Width">The width that was measured (never <see cref="KernelWidth.Auto"/>).</param>
/// <param name="Threads">Threads that ran the probe at the same time.</param>
/// <param name="GflopsPerSecond">fp32 GFLOP/s of all threads together, counting an FMA as 2 FLOP per lane.</param>
public readonly record struct FmaPeakResult(KernelWidth Width, int Threads, double GflopsPerSecond)
{
    /// <summary>The average share of one thread.</summary>
    public double GflopsPerSecondPerThread => GflopsPerSecond / Threads;
}

/// <summary>
/// Measures the machine's fp32 FMA throughput, the ceiling the degree pass is judged against: each thread runs
/// independent FMA chains with nothing else in the loop, enough chains to cover the FMA latency on every
/// pipe (latency 4 × 2 pipes needs 8; 12 leaves room). Runs on threads of its own, started together.
/// </summary>
public static class FmaPeakProbe
{
    private const int Chains = 12;
    private const int StepsPerRound = 4096;

    /// <summary>Runs the probe for about <paramref name="duration"/> on <paramref name="threads"/> dedicated threads.</summary>
    /// <exception cref="LostInputException">The width is not supported, threads is below 1 or the duration is not positive.</exception>
    public static FmaPeakResult Measure(KernelWidth width, int threads, TimeSpan duration)
    {
        var resolved = KernelWidthSelector.Resolve(width);
        if (threads < 1)
        {
            throw new LostInputException("threads", $"must be at least 1, got {threads}.");
        }
        if (duration <= TimeSpan.Zero)
        {
            throw new LostInputException("duration", $"must be positive, got {duration}.");
        }
        var flopsPerSecond = new double[threads];
        using var ready = new Barrier(threads);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() =>
            {
                ready.SignalAndWait();
                flopsPerSecond[index] = RunChains(resolved, duration);
            }) { IsBackground = true, Name = $"LostEngine FMA probe {t + 1}" };
            workers[t].Start();
        }
        foreach (var worker in workers)
        {
            worker.Join();
        }
        return new FmaPeakResult(resolved, threads, flopsPerSecond.Sum() / 1e9);
    }

    private static double RunChains(KernelWidth width, TimeSpan duration)
    {
        // A short first round lets the JIT reach its optimised code before the clock starts.
        Round(width);
        long rounds = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            Round(width);
            rounds++;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        int lanes = width switch
        {
            KernelWidth.Vector512 => Vector512<float>.Count,
            KernelWidth.Vector256 => Vector256<float>.Count,
            _ => 1,
        };
        return rounds * StepsPerRound * Chains * lanes * 2.0 / seconds;
    }

    private static float Round(KernelWidth width) => width switch
    {
        KernelWidth.Vector512 => Round512(),
        KernelWidth.Vector256 => Round256(),
        _ => RoundScalar(),
    };

    // Every chain converges to 1e-4 / (1 - 0.999) = 0.1: finite, never denormal, so the timing is the FMA unit's.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Round512()
    {
        var m = Vector512.Create(0.999f);
        var c = Vector512.Create(1e-4f);
        Vector512<float> a0 = c, a1 = c, a2 = c, a3 = c, a4 = c, a5 = c, a6 = c, a7 = c, a8 = c, a9 = c, a10 = c, a11 = c;
        for (int s = 0; s < StepsPerRound; s++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c);
            a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c);
            a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c);
            a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c);
            a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c);
            a9 = Vector512.FusedMultiplyAdd(a9, m, c);
            a10 = Vector512.FusedMultiplyAdd(a10, m, c);
            a11 = Vector512.FusedMultiplyAdd(a11, m, c);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Round256()
    {
        var m = Vector256.Create(0.999f);
        var c = Vector256.Create(1e-4f);
        Vector256<float> a0 = c, a1 = c, a2 = c, a3 = c, a4 = c, a5 = c, a6 = c, a7 = c, a8 = c, a9 = c, a10 = c, a11 = c;
        for (int s = 0; s < StepsPerRound; s++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c);
            a1 = Vector256.FusedMultiplyAdd(a1, m, c);
            a2 = Vector256.FusedMultiplyAdd(a2, m, c);
            a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c);
            a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c);
            a7 = Vector256.FusedMultiplyAdd(a7, m, c);
            a8 = Vector256.FusedMultiplyAdd(a8, m, c);
            a9 = Vector256.FusedMultiplyAdd(a9, m, c);
            a10 = Vector256.FusedMultiplyAdd(a10, m, c);
            a11 = Vector256.FusedMultiplyAdd(a11, m, c);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float RoundScalar()
    {
        const float m = 0.999f, c = 1e-4f;
        float a0 = c, a1 = c, a2 = c, a3 = c, a4 = c, a5 = c, a6 = c, a7 = c, a8 = c, a9 = c, a10 = c, a11 = c;
        for (int s = 0; s < StepsPerRound; s++)
        {
            a0 = MathF.FusedMultiplyAdd(a0, m, c);
            a1 = MathF.FusedMultiplyAdd(a1, m, c);
            a2 = MathF.FusedMultiplyAdd(a2, m, c);
            a3 = MathF.FusedMultiplyAdd(a3, m, c);
            a4 = MathF.FusedMultiplyAdd(a4, m, c);
            a5 = MathF.FusedMultiplyAdd(a5, m, c);
            a6 = MathF.FusedMultiplyAdd(a6, m, c);
            a7 = MathF.FusedMultiplyAdd(a7, m, c);
            a8 = MathF.FusedMultiplyAdd(a8, m, c);
            a9 = MathF.FusedMultiplyAdd(a9, m, c);
            a10 = MathF.FusedMultiplyAdd(a10, m, c);
            a11 = MathF.FusedMultiplyAdd(a11, m, c);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }
}
