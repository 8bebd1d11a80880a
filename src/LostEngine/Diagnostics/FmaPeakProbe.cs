using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LostEngine.Kernel;

namespace LostEngine.Diagnostics;

/// <summary>
/// Measures this machine's fp32 fused-multiply-add peak for one SIMD width and thread count, so a kernel's
/// speed can be reported as a fraction of what the cores can do rather than as a bare number.
/// </summary>
public static class FmaPeakProbe
{
    // Each thread runs 12 independent FMA chains: an FMA has a latency of about 4 cycles and most cores
    // issue two per cycle, so at least 8 chains are needed to keep both ports busy; 12 leaves slack and
    // still fits in the 16 registers of AVX2.
    private const int Chains = 12;

    // Iterations between two clock reads: long enough that reading the clock costs nothing measurable.
    private const int IterationsPerSlice = 1 << 14;

    // acc = acc * a + b converges to b / (1 - a) without overflow or denormals, so every iteration costs
    // the same. The sum of the chains is returned so the JIT cannot drop them.
    private const float A = 0.999f;
    private const float B = 0.001f;

    private static float _sink;

    /// <summary>
    /// Runs <paramref name="threads"/> dedicated threads of FMA chains of <paramref name="width"/> for about
    /// <paramref name="duration"/> and returns the sum over threads of 2 · lanes · FMAs per second, in GFLOP/s.
    /// </summary>
    /// <exception cref="LostInputException">The width is not supported by this CPU, or threads or duration is not positive.</exception>
    public static double MeasureGflops(KernelWidth width, int threads, TimeSpan duration)
    {
        if (threads < 1)
        {
            throw new LostInputException(nameof(threads), $"must be at least 1, got {threads}.");
        }
        if (duration <= TimeSpan.Zero)
        {
            throw new LostInputException(nameof(duration), $"must be positive, got {duration}.");
        }
        var resolved = KernelWidthSelector.Resolve(width);
        int lanes = resolved switch
        {
            KernelWidth.Scalar => 1,
            KernelWidth.Vector256 => Vector256<float>.Count,
            KernelWidth.Vector512 => Vector512<float>.Count,
            _ => throw new InvalidOperationException($"KernelWidthSelector resolved {width} to {resolved}."),
        };
        Func<int, float> slice = resolved switch
        {
            KernelWidth.Scalar => ScalarSlice,
            KernelWidth.Vector256 => Vector256Slice,
            _ => Vector512Slice,
        };
        // A first short slice on this thread gets the loop compiled at full optimisation before timing.
        Sink(slice(1));

        var perThread = new double[threads];
        using var start = new Barrier(threads);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() => perThread[index] = RunThread(slice, lanes, duration, start))
            {
                IsBackground = true,
                Name = $"FmaPeakProbe {index}",
            };
            workers[t].Start();
        }
        foreach (var worker in workers)
        {
            worker.Join();
        }
        return perThread.Sum() / 1e9;
    }

    private static double RunThread(Func<int, float> slice, int lanes, TimeSpan duration, Barrier start)
    {
        start.SignalAndWait();
        long slices = 0;
        float sink = 0f;
        long began = Stopwatch.GetTimestamp();
        long elapsed;
        do
        {
            sink += slice(IterationsPerSlice);
            slices++;
            elapsed = Stopwatch.GetTimestamp() - began;
        }
        while (elapsed < duration.TotalSeconds * Stopwatch.Frequency);
        Sink(sink);
        double fmas = (double)slices * IterationsPerSlice * Chains;
        return 2.0 * lanes * fmas / (elapsed / (double)Stopwatch.Frequency);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float ScalarSlice(int iterations)
    {
        float a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8, a8 = 9, a9 = 10, a10 = 11, a11 = 12;
        for (int i = 0; i < iterations; i++)
        {
            a0 = MathF.FusedMultiplyAdd(a0, A, B);
            a1 = MathF.FusedMultiplyAdd(a1, A, B);
            a2 = MathF.FusedMultiplyAdd(a2, A, B);
            a3 = MathF.FusedMultiplyAdd(a3, A, B);
            a4 = MathF.FusedMultiplyAdd(a4, A, B);
            a5 = MathF.FusedMultiplyAdd(a5, A, B);
            a6 = MathF.FusedMultiplyAdd(a6, A, B);
            a7 = MathF.FusedMultiplyAdd(a7, A, B);
            a8 = MathF.FusedMultiplyAdd(a8, A, B);
            a9 = MathF.FusedMultiplyAdd(a9, A, B);
            a10 = MathF.FusedMultiplyAdd(a10, A, B);
            a11 = MathF.FusedMultiplyAdd(a11, A, B);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Vector256Slice(int iterations)
    {
        var a = Vector256.Create(A);
        var b = Vector256.Create(B);
        var a0 = Vector256.Create(1f); var a1 = Vector256.Create(2f); var a2 = Vector256.Create(3f);
        var a3 = Vector256.Create(4f); var a4 = Vector256.Create(5f); var a5 = Vector256.Create(6f);
        var a6 = Vector256.Create(7f); var a7 = Vector256.Create(8f); var a8 = Vector256.Create(9f);
        var a9 = Vector256.Create(10f); var a10 = Vector256.Create(11f); var a11 = Vector256.Create(12f);
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, a, b);
            a1 = Vector256.FusedMultiplyAdd(a1, a, b);
            a2 = Vector256.FusedMultiplyAdd(a2, a, b);
            a3 = Vector256.FusedMultiplyAdd(a3, a, b);
            a4 = Vector256.FusedMultiplyAdd(a4, a, b);
            a5 = Vector256.FusedMultiplyAdd(a5, a, b);
            a6 = Vector256.FusedMultiplyAdd(a6, a, b);
            a7 = Vector256.FusedMultiplyAdd(a7, a, b);
            a8 = Vector256.FusedMultiplyAdd(a8, a, b);
            a9 = Vector256.FusedMultiplyAdd(a9, a, b);
            a10 = Vector256.FusedMultiplyAdd(a10, a, b);
            a11 = Vector256.FusedMultiplyAdd(a11, a, b);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Vector512Slice(int iterations)
    {
        var a = Vector512.Create(A);
        var b = Vector512.Create(B);
        var a0 = Vector512.Create(1f); var a1 = Vector512.Create(2f); var a2 = Vector512.Create(3f);
        var a3 = Vector512.Create(4f); var a4 = Vector512.Create(5f); var a5 = Vector512.Create(6f);
        var a6 = Vector512.Create(7f); var a7 = Vector512.Create(8f); var a8 = Vector512.Create(9f);
        var a9 = Vector512.Create(10f); var a10 = Vector512.Create(11f); var a11 = Vector512.Create(12f);
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, a, b);
            a1 = Vector512.FusedMultiplyAdd(a1, a, b);
            a2 = Vector512.FusedMultiplyAdd(a2, a, b);
            a3 = Vector512.FusedMultiplyAdd(a3, a, b);
            a4 = Vector512.FusedMultiplyAdd(a4, a, b);
            a5 = Vector512.FusedMultiplyAdd(a5, a, b);
            a6 = Vector512.FusedMultiplyAdd(a6, a, b);
            a7 = Vector512.FusedMultiplyAdd(a7, a, b);
            a8 = Vector512.FusedMultiplyAdd(a8, a, b);
            a9 = Vector512.FusedMultiplyAdd(a9, a, b);
            a10 = Vector512.FusedMultiplyAdd(a10, a, b);
            a11 = Vector512.FusedMultiplyAdd(a11, a, b);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    // Keeps a result observable so the loops that produced it are not removed as dead code.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Sink(float value) => _sink = value;
}
