using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LostEngine.Kernel;

/// <summary>
/// The float64 vector helpers of the eigensolver (dot products, scaled additions over the Krylov basis), on the
/// same width ladder as <see cref="VectorMath"/>: they branch on the workspace's resolved width alone.
/// </summary>
internal static class DoubleVectorMath
{
    /// <summary>Σ a_i · b_i.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b, KernelWidth width)
    {
        int n = a.Length;
        ref double pa = ref MemoryMarshal.GetReference(a);
        ref double pb = ref MemoryMarshal.GetReference(b);
        int i = 0;
        double sum = 0;
        if (width == KernelWidth.Vector512 && n >= 2 * Vector512<double>.Count)
        {
            // Two accumulators: an FMA's latency is longer than a load pair's throughput.
            var acc0 = Vector512<double>.Zero;
            var acc1 = Vector512<double>.Zero;
            for (; i <= n - 2 * Vector512<double>.Count; i += 2 * Vector512<double>.Count)
            {
                acc0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pa, (nuint)i), Vector512.LoadUnsafe(ref pb, (nuint)i), acc0);
                acc1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pa, (nuint)(i + 8)), Vector512.LoadUnsafe(ref pb, (nuint)(i + 8)), acc1);
            }
            sum = Vector512.Sum(acc0 + acc1);
        }
        else if (width >= KernelWidth.Vector256 && n >= 2 * Vector256<double>.Count)
        {
            var acc0 = Vector256<double>.Zero;
            var acc1 = Vector256<double>.Zero;
            for (; i <= n - 2 * Vector256<double>.Count; i += 2 * Vector256<double>.Count)
            {
                acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i), acc0);
                acc1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)(i + 4)), Vector256.LoadUnsafe(ref pb, (nuint)(i + 4)), acc1);
            }
            sum = Vector256.Sum(acc0 + acc1);
        }
        for (; i < n; i++)
        {
            sum = Math.FusedMultiplyAdd(Unsafe.Add(ref pa, i), Unsafe.Add(ref pb, i), sum);
        }
        return sum;
    }

    /// <summary>y_i += a · x_i.</summary>
    public static void AddScaled(Span<double> y, double a, ReadOnlySpan<double> x, KernelWidth width)
    {
        int n = y.Length;
        ref double py = ref MemoryMarshal.GetReference(y);
        ref double px = ref MemoryMarshal.GetReference(x);
        int i = 0;
        if (width == KernelWidth.Vector512)
        {
            var va = Vector512.Create(a);
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                Vector512.FusedMultiplyAdd(va, Vector512.LoadUnsafe(ref px, (nuint)i), Vector512.LoadUnsafe(ref py, (nuint)i)).StoreUnsafe(ref py, (nuint)i);
            }
        }
        else if (width == KernelWidth.Vector256)
        {
            var va = Vector256.Create(a);
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref px, (nuint)i), Vector256.LoadUnsafe(ref py, (nuint)i)).StoreUnsafe(ref py, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref py, i) = Math.FusedMultiplyAdd(a, Unsafe.Add(ref px, i), Unsafe.Add(ref py, i));
        }
    }

    /// <summary>x_i *= a.</summary>
    public static void Scale(Span<double> x, double a)
    {
        for (int i = 0; i < x.Length; i++)
        {
            x[i] *= a;
        }
    }
}
