using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LostEngine.Kernel;

/// <summary>
/// The small vector helpers the kernel's linear steps share (dot product, vector sum, sum of squares). They run
/// once or N times per call, not N² times, so one width ladder per helper is enough. Every helper takes the
/// workspace's resolved <see cref="KernelWidth"/> and branches on it alone, never on what the CPU has: a run forced
/// to v256 on an AVX-512 machine computes exactly what an AVX2 machine computes (summation order included).
/// </summary>
internal static class VectorMath
{
    /// <summary>Dot product of two equally long vectors, accumulated in float with FMA where available.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b, KernelWidth width)
    {
        int n = a.Length;
        ref float pa = ref MemoryMarshal.GetReference(a);
        ref float pb = ref MemoryMarshal.GetReference(b);
        int i = 0;
        float sum = 0f;
        if (width == KernelWidth.Vector512 && n >= Vector512<float>.Count)
        {
            var acc = Vector512<float>.Zero;
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                acc = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pa, (nuint)i), Vector512.LoadUnsafe(ref pb, (nuint)i), acc);
            }
            sum = Vector512.Sum(acc);
        }
        else if (width >= KernelWidth.Vector256 && n >= Vector256<float>.Count)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pa, (nuint)i), Vector256.LoadUnsafe(ref pb, (nuint)i), acc);
            }
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++)
        {
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref pa, i), Unsafe.Add(ref pb, i), sum);
        }
        return sum;
    }

    /// <summary>
    /// <c>results[j] = vector · rows_j</c> for the row-major <paramref name="rows"/> of width
    /// <paramref name="vector"/>.Length: a matrix-vector product that takes four rows per pass, so each load of
    /// the vector feeds four independent FMA chains instead of one latency-bound chain. The four-row body is
    /// 256-bit at both vector widths (d = 384 is 48 such vectors: plenty of work per row, and no 512-bit tail).
    /// </summary>
    [SkipLocalsInit]
    public static void MultiplyRows(ReadOnlySpan<float> rows, ReadOnlySpan<float> vector, Span<float> results, KernelWidth width)
    {
        int dim = vector.Length;
        int count = results.Length;
        ref float pv = ref MemoryMarshal.GetReference(vector);
        ref float pm = ref MemoryMarshal.GetReference(rows);
        int j = 0;
        if (width >= KernelWidth.Vector256 && dim >= Vector256<float>.Count)
        {
            for (; j <= count - 4; j += 4)
            {
                ref float r0 = ref Unsafe.Add(ref pm, (nint)j * dim);
                ref float r1 = ref Unsafe.Add(ref r0, dim);
                ref float r2 = ref Unsafe.Add(ref r1, dim);
                ref float r3 = ref Unsafe.Add(ref r2, dim);
                var acc0 = Vector256<float>.Zero;
                var acc1 = Vector256<float>.Zero;
                var acc2 = Vector256<float>.Zero;
                var acc3 = Vector256<float>.Zero;
                int t = 0;
                for (; t <= dim - Vector256<float>.Count; t += Vector256<float>.Count)
                {
                    var v = Vector256.LoadUnsafe(ref pv, (nuint)t);
                    acc0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r0, (nuint)t), v, acc0);
                    acc1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r1, (nuint)t), v, acc1);
                    acc2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r2, (nuint)t), v, acc2);
                    acc3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r3, (nuint)t), v, acc3);
                }
                float s0 = Vector256.Sum(acc0), s1 = Vector256.Sum(acc1), s2 = Vector256.Sum(acc2), s3 = Vector256.Sum(acc3);
                for (; t < dim; t++)
                {
                    float v = Unsafe.Add(ref pv, t);
                    s0 = MathF.FusedMultiplyAdd(Unsafe.Add(ref r0, t), v, s0);
                    s1 = MathF.FusedMultiplyAdd(Unsafe.Add(ref r1, t), v, s1);
                    s2 = MathF.FusedMultiplyAdd(Unsafe.Add(ref r2, t), v, s2);
                    s3 = MathF.FusedMultiplyAdd(Unsafe.Add(ref r3, t), v, s3);
                }
                Unsafe.Add(ref MemoryMarshal.GetReference(results), j) = s0;
                Unsafe.Add(ref MemoryMarshal.GetReference(results), j + 1) = s1;
                Unsafe.Add(ref MemoryMarshal.GetReference(results), j + 2) = s2;
                Unsafe.Add(ref MemoryMarshal.GetReference(results), j + 3) = s3;
            }
        }
        for (; j < count; j++)
        {
            results[j] = Dot(vector, rows.Slice(j * dim, dim), width);
        }
    }

    /// <summary>Adds <paramref name="source"/> into <paramref name="destination"/> element-wise (float keys, int degrees).</summary>
    public static void AddInto<T>(Span<T> destination, ReadOnlySpan<T> source, KernelWidth width)
        where T : unmanaged, IAdditionOperators<T, T, T>
    {
        int n = destination.Length;
        ref T pd = ref MemoryMarshal.GetReference(destination);
        ref T ps = ref MemoryMarshal.GetReference(source);
        int i = 0;
        if (width >= KernelWidth.Vector256 && Vector256<T>.IsSupported)
        {
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                (Vector256.LoadUnsafe(ref pd, (nuint)i) + Vector256.LoadUnsafe(ref ps, (nuint)i)).StoreUnsafe(ref pd, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref pd, i) += Unsafe.Add(ref ps, i);
        }
    }

    /// <summary>
    /// Σ v_i² in float32 with FMA at the given width: fast, but it overflows to infinity for values near float32's
    /// range and is off by up to about d·2⁻²⁴ relative; <see cref="SumOfSquares"/> is the exact-enough float64 sum.
    /// </summary>
    public static float SumOfSquaresSingle(ReadOnlySpan<float> values, KernelWidth width)
    {
        int n = values.Length;
        ref float p = ref MemoryMarshal.GetReference(values);
        int i = 0;
        float sum = 0;
        if (width == KernelWidth.Vector512 && n >= Vector512<float>.Count)
        {
            var acc = Vector512<float>.Zero;
            for (; i <= n - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var v = Vector512.LoadUnsafe(ref p, (nuint)i);
                acc = Vector512.FusedMultiplyAdd(v, v, acc);
            }
            sum = Vector512.Sum(acc);
        }
        else if (width >= KernelWidth.Vector256 && n >= Vector256<float>.Count)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var v = Vector256.LoadUnsafe(ref p, (nuint)i);
                acc = Vector256.FusedMultiplyAdd(v, v, acc);
            }
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref p, i);
            sum = MathF.FusedMultiplyAdd(v, v, sum);
        }
        return sum;
    }

    /// <summary>Σ v_i², accumulated in float64 (so values near float32's range cannot overflow it).</summary>
    public static double SumOfSquares(ReadOnlySpan<float> values, KernelWidth width)
    {
        int n = values.Length;
        ref float p = ref MemoryMarshal.GetReference(values);
        int i = 0;
        double sum = 0;
        if (width >= KernelWidth.Vector256)
        {
            // Widened to double pairs; 256-bit at both widths, as the reduction is a small part of the work.
            var acc0 = Vector256<double>.Zero;
            var acc1 = Vector256<double>.Zero;
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)i));
                acc0 = Vector256.FusedMultiplyAdd(low, low, acc0);
                acc1 = Vector256.FusedMultiplyAdd(high, high, acc1);
            }
            sum = Vector256.Sum(acc0 + acc1);
        }
        for (; i < n; i++)
        {
            double v = Unsafe.Add(ref p, i);
            sum = Math.FusedMultiplyAdd(v, v, sum);
        }
        return sum;
    }

    /// <summary>target_i = source_i · factor.</summary>
    public static void Scale(ReadOnlySpan<float> source, float factor, Span<float> target, KernelWidth width)
    {
        int n = source.Length;
        ref float ps = ref MemoryMarshal.GetReference(source);
        ref float pt = ref MemoryMarshal.GetReference(target);
        int i = 0;
        if (width >= KernelWidth.Vector256)
        {
            var f = Vector256.Create(factor);
            for (; i <= n - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                (Vector256.LoadUnsafe(ref ps, (nuint)i) * f).StoreUnsafe(ref pt, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref pt, i) = Unsafe.Add(ref ps, i) * factor;
        }
    }
}
