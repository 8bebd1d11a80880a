using LostEngine.Native;

namespace LostEngine.Tests.Native;

public sealed unsafe class AlignedBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(1 << 20)]
    public void StartsOn64BytesAndIsZeroed(int length)
    {
        // Dirty the allocator first, so zeroes are the buffer's doing and not fresh pages.
        using (var dirty = new AlignedBuffer<float>(length))
        {
            dirty.Span.Fill(float.NaN);
        }

        using var floats = new AlignedBuffer<float>(length);
        using var bytes = new AlignedBuffer<byte>(length);
        using var doubles = new AlignedBuffer<double>(length);

        Assert.Equal(0, (nint)floats.Pointer % 64);
        Assert.Equal(0, (nint)bytes.Pointer % 64);
        Assert.Equal(0, (nint)doubles.Pointer % 64);
        Assert.Equal(length, floats.Span.Length);
        Assert.Equal(length, bytes.Length);
        Assert.True(floats.Span.IndexOfAnyExcept(0f) < 0);
        Assert.True(bytes.Span.IndexOfAnyExcept((byte)0) < 0);
        Assert.True(doubles.Span.IndexOfAnyExcept(0d) < 0);
    }

    [Fact]
    public void SpanAndPointerAreTheSameMemory()
    {
        using var buffer = new AlignedBuffer<int>(33);

        buffer.Span[32] = 7;

        Assert.Equal(7, buffer.Pointer[32]);
    }

    [Fact]
    public void DisposedBufferRefusesAccessAndDisposesTwiceSafely()
    {
        var buffer = new AlignedBuffer<float>(16);

        buffer.Dispose();
        buffer.Dispose();

        Assert.True(buffer.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => buffer.Span.Length);
        Assert.Throws<ObjectDisposedException>(() => (nint)buffer.Pointer);
    }

    [Fact]
    public void NegativeLengthIsRefused()
    {
        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedBuffer<float>(-1)).ParamName);
    }

    [Fact]
    public void PinnedBufferStaysPutAcrossCollections()
    {
        var buffer = new PinnedBuffer<float>(4096);
        buffer.Clear();
        buffer.Span[4095] = 3f;
        var address = (nint)buffer.Pointer;

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        fixed (float* first = buffer.Array)
        {
            Assert.Equal(address, (nint)first);
        }

        Assert.Equal(3f, buffer.Pointer[4095]);
        Assert.Equal(4096, buffer.Memory.Length);
        Assert.True(buffer.Span[..4095].IndexOfAnyExcept(0f) < 0);
    }
}
