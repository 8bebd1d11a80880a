using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace LostEngine.Kernel;

/// <summary>
/// The column side of the degree pass, packed once per call: the keys cut into panels of
/// <c>width</c> patches, each panel stored component-major (<c>panel[t * width + lane] = key[first + lane][t]</c>),
/// so one vector load brings component t of <c>width</c> (or width/2) patches and the micro-kernel is a pure
/// broadcast-FMA with no horizontal sums. Lanes past N are zero keys: their similarity is exactly 0, never
/// positive, so the column tail needs no mask.
/// </summary>
internal static class KeyPanels
{
    /// <summary>Floats the panels of <paramref name="n"/> keys of width <paramref name="dim"/> take.</summary>
    public static long Length(int n, int dim, int width) => (long)Count(n, width) * width * dim;

    /// <summary>Number of panels of <paramref name="width"/> patches that hold <paramref name="n"/> keys.</summary>
    public static int Count(int n, int width) => (n + width - 1) / width;

    /// <summary>Packs every panel.</summary>
    public static void Pack(ReadOnlySpan<float> keys, int n, int dim, int width, Span<float> panels)
    {
        int count = Count(n, width);
        for (int p = 0; p < count; p++)
        {
            PackPanel(keys, n, dim, width, p, panels);
        }
    }

    /// <summary>Packs panel <paramref name="p"/> alone, so threads can share the packing.</summary>
    [SkipLocalsInit]
    public static unsafe void PackPanel(ReadOnlySpan<float> keys, int n, int dim, int width, int p, Span<float> panels)
    {
        fixed (float* source = keys)
        fixed (float* target = panels)
        {
            float* panel = target + (nint)p * width * dim;
            int first = p * width;
            int lanes = Math.Min(width, n - first);
            int lane = 0;
            if (Avx.IsSupported)
            {
                // Whole 8 × 8 blocks go through registers: eight row loads, a transpose, eight stores.
                for (; lane <= lanes - 8; lane += 8)
                {
                    int t = 0;
                    for (; t <= dim - 8; t += 8)
                    {
                        Transpose8x8(source + (nint)(first + lane) * dim + t, dim, panel + (nint)t * width + lane, width);
                    }
                    CopyScalar(source, panel, dim, width, first, lane, lane + 8, t);
                }
            }
            CopyScalar(source, panel, dim, width, first, lane, lanes, 0);
            for (lane = lanes; lane < width; lane++)
            {
                for (int t = 0; t < dim; t++)
                {
                    panel[(nint)t * width + lane] = 0f;
                }
            }
        }
    }

    private static unsafe void CopyScalar(float* source, float* panel, int dim, int width, int first, int laneStart, int laneEnd, int tStart)
    {
        for (int lane = laneStart; lane < laneEnd; lane++)
        {
            float* key = source + (nint)(first + lane) * dim;
            for (int t = tStart; t < dim; t++)
            {
                panel[(nint)t * width + lane] = key[t];
            }
        }
    }

    /// <summary>Writes the transpose of the 8 × 8 block at <paramref name="rows"/> (row stride <paramref name="stride"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transpose8x8(float* rows, int stride, float* destination, int destinationStride)
    {
        var r0 = Avx.LoadVector256(rows);
        var r1 = Avx.LoadVector256(rows + stride);
        var r2 = Avx.LoadVector256(rows + 2 * stride);
        var r3 = Avx.LoadVector256(rows + 3 * stride);
        var r4 = Avx.LoadVector256(rows + 4 * stride);
        var r5 = Avx.LoadVector256(rows + 5 * stride);
        var r6 = Avx.LoadVector256(rows + 6 * stride);
        var r7 = Avx.LoadVector256(rows + 7 * stride);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(destination, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(destination + destinationStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(destination + 2 * destinationStride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(destination + 3 * destinationStride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(destination + 4 * destinationStride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(destination + 5 * destinationStride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(destination + 6 * destinationStride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(destination + 7 * destinationStride, Avx.Permute2x128(u3, u7, 0x31));
    }
}
