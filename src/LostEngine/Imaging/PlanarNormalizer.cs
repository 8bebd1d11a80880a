using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LostEngine.Imaging;

/// <summary>
/// One pass from interleaved 8-bit pixels to the model's normalised, zero-padded planar input: each source row is
/// read once, each channel converted and written to its plane with one multiply-add, and the padding cleared.
/// There is no intermediate float image.
/// </summary>
/// <remarks>
/// Vector path: 8 pixels at a time as 8 int lanes (a 4-byte pixel is one little-endian int; a 3-byte pixel is
/// widened to one with a byte shuffle), a channel is <c>(lane &gt;&gt; 8c) &amp; 0xFF</c> converted to float.
/// The scalar path uses the same fused multiply-add, so both give the same bits.
/// </remarks>
internal static class PlanarNormalizer
{
    /// <summary>
    /// Writes planes R, G, B of <paramref name="paddedHeight"/> × <paramref name="paddedWidth"/> floats into
    /// <paramref name="destination"/>. Arguments are validated by the caller.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ReadOnlySpan<byte> pixels, int width, int height, int stride, PixelFormat format,
        Span<float> destination, int paddedHeight, int paddedWidth, bool vectorize)
    {
        int plane = paddedHeight * paddedWidth;
        var red = destination.Slice(0, plane);
        var green = destination.Slice(plane, plane);
        var blue = destination.Slice(2 * plane, plane);
        int bpp = format.BytesPerPixel();
        int redShift = format.RedOffset() * 8;
        int blueShift = 16 - redShift;
        var constants = new Constants(redShift, blueShift);
        bool wide = vectorize && Vector256.IsHardwareAccelerated;
        for (int y = 0; y < height; y++)
        {
            ref byte source = ref MemoryMarshal.GetReference(pixels.Slice(y * stride, width * bpp));
            var r = red.Slice(y * paddedWidth, paddedWidth);
            var g = green.Slice(y * paddedWidth, paddedWidth);
            var b = blue.Slice(y * paddedWidth, paddedWidth);
            ref float pr = ref MemoryMarshal.GetReference(r);
            ref float pg = ref MemoryMarshal.GetReference(g);
            ref float pb = ref MemoryMarshal.GetReference(b);
            int x = !wide ? 0
                : bpp == 4 ? Row4Vector256(ref source, width, in constants, ref pr, ref pg, ref pb)
                : Row3Vector256(ref source, width, in constants, ref pr, ref pg, ref pb);
            RowScalar(ref source, x, width, bpp, in constants, ref pr, ref pg, ref pb);
            r[width..].Clear();
            g[width..].Clear();
            b[width..].Clear();
        }
        int padStart = height * paddedWidth;
        red[padStart..].Clear();
        green[padStart..].Clear();
        blue[padStart..].Clear();
    }

    private readonly struct Constants(int redShift, int blueShift)
    {
        public readonly int RedShift = redShift;
        public readonly int BlueShift = blueShift;
        public readonly float ScaleR = ImageNormalization.Scale(0);
        public readonly float ScaleG = ImageNormalization.Scale(1);
        public readonly float ScaleB = ImageNormalization.Scale(2);
        public readonly float OffsetR = ImageNormalization.Offset(0);
        public readonly float OffsetG = ImageNormalization.Offset(1);
        public readonly float OffsetB = ImageNormalization.Offset(2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowScalar(ref byte source, int x, int width, int bpp, in Constants c, ref float pr, ref float pg, ref float pb)
    {
        int redOffset = c.RedShift >> 3, blueOffset = c.BlueShift >> 3;
        for (; x < width; x++)
        {
            ref byte pixel = ref Unsafe.Add(ref source, x * bpp);
            Unsafe.Add(ref pr, x) = MathF.FusedMultiplyAdd(Unsafe.Add(ref pixel, redOffset), c.ScaleR, c.OffsetR);
            Unsafe.Add(ref pg, x) = MathF.FusedMultiplyAdd(Unsafe.Add(ref pixel, 1), c.ScaleG, c.OffsetG);
            Unsafe.Add(ref pb, x) = MathF.FusedMultiplyAdd(Unsafe.Add(ref pixel, blueOffset), c.ScaleB, c.OffsetB);
        }
    }

    private static int Row4Vector256(ref byte source, int width, in Constants c, ref float pr, ref float pg, ref float pb)
    {
        var k = Vectors.Create(in c);
        int x = 0;
        for (; x <= width - Vector256<int>.Count; x += Vector256<int>.Count)
        {
            var pixels = Vector256.LoadUnsafe(ref Unsafe.As<byte, int>(ref Unsafe.Add(ref source, x * 4)));
            k.Store(pixels, c.RedShift, c.BlueShift, ref pr, ref pg, ref pb, x);
        }
        return x;
    }

    private static int Row3Vector256(ref byte source, int width, in Constants c, ref float pr, ref float pg, ref float pb)
    {
        var k = Vectors.Create(in c);
        // Four 3-byte pixels of a 16-byte load become four ints (the fourth byte zero); indices past 15 yield 0.
        var widen = Vector128.Create((byte)0, 1, 2, 0xFF, 3, 4, 5, 0xFF, 6, 7, 8, 0xFF, 9, 10, 11, 0xFF);
        int x = 0;
        // The second load of a group reads 4 bytes past the group's 24, so stop while those bytes are in the row.
        for (; (x + Vector256<int>.Count) * 3 + 4 <= width * 3; x += Vector256<int>.Count)
        {
            ref byte group = ref Unsafe.Add(ref source, x * 3);
            var low = Vector128.Shuffle(Vector128.LoadUnsafe(ref group), widen).AsInt32();
            var high = Vector128.Shuffle(Vector128.LoadUnsafe(ref group, 12), widen).AsInt32();
            k.Store(Vector256.Create(low, high), c.RedShift, c.BlueShift, ref pr, ref pg, ref pb, x);
        }
        return x;
    }

    private readonly struct Vectors
    {
        private readonly Vector256<float> _scaleR, _scaleG, _scaleB, _offsetR, _offsetG, _offsetB;

        private Vectors(in Constants c)
        {
            _scaleR = Vector256.Create(c.ScaleR);
            _scaleG = Vector256.Create(c.ScaleG);
            _scaleB = Vector256.Create(c.ScaleB);
            _offsetR = Vector256.Create(c.OffsetR);
            _offsetG = Vector256.Create(c.OffsetG);
            _offsetB = Vector256.Create(c.OffsetB);
        }

        public static Vectors Create(in Constants c) => new(in c);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(Vector256<int> pixels, int redShift, int blueShift, ref float pr, ref float pg, ref float pb, int x)
        {
            var low = Vector256.Create(0xFF);
            var r = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(pixels, redShift) & low);
            var g = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(pixels, 8) & low);
            var b = Vector256.ConvertToSingle(Vector256.ShiftRightLogical(pixels, blueShift) & low);
            Vector256.FusedMultiplyAdd(r, _scaleR, _offsetR).StoreUnsafe(ref pr, (nuint)x);
            Vector256.FusedMultiplyAdd(g, _scaleG, _offsetG).StoreUnsafe(ref pg, (nuint)x);
            Vector256.FusedMultiplyAdd(b, _scaleB, _offsetB).StoreUnsafe(ref pb, (nuint)x);
        }
    }
}
